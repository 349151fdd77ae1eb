package com.virtdevice.ifttt.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.virtdevice.ifttt.IftttProperties;
import com.virtdevice.ifttt.api.TriggerRequest.TriggerPoll;
import com.virtdevice.ifttt.history.HistoryQuery;
import com.virtdevice.ifttt.history.HistoryStore;
import com.virtdevice.ifttt.history.StoredChange;
import com.virtdevice.ifttt.identity.TriggerIdentities;
import com.virtdevice.ifttt.identity.TriggerIdentity;
import com.virtdevice.ifttt.realtime.RealtimeHeaders;
import com.virtdevice.support.security.HubPrincipal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code device_property_changed} trigger as IFTTT polls it: the user's newest
 * changes, filtered by the trigger fields, newest first. Each poll's trigger identity is
 * remembered with its fields, so notifications can name the applets an event concerns.
 */
@RestController
@Tag(name = "IFTTT trigger")
class TriggerController {

	private final HistoryStore history;

	private final TriggerIdentities identities;

	private final DeviceNames deviceNames;

	private final ServiceKey serviceKey;

	private final IftttProperties properties;

	private final Counter realtimePolls;

	private final Counter regularPolls;

	TriggerController(HistoryStore history, TriggerIdentities identities, DeviceNames deviceNames,
			ServiceKey serviceKey, IftttProperties properties, MeterRegistry registry) {
		this.history = history;
		this.identities = identities;
		this.deviceNames = deviceNames;
		this.serviceKey = serviceKey;
		this.properties = properties;
		this.realtimePolls = polls(registry, true);
		this.regularPolls = polls(registry, false);
	}

	@PostMapping(path = IftttPaths.TRIGGER, produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The user's newest property changes matching the trigger fields, newest first",
			security = @SecurityRequirement(name = "bearer"))
	TriggerResponse poll(@PathVariable String slug, @RequestBody TriggerRequest request,
			@Parameter(hidden = true) HubPrincipal caller,
			@Parameter(description = "1 when IFTTT polls because of a Realtime notification") @RequestHeader(
					name = RealtimeHeaders.REALTIME_POLL, required = false) @Nullable String realtime) {
		requireOurTrigger(slug);
		TriggerPoll poll = request.validated();
		("1".equals(realtime) ? this.realtimePolls : this.regularPolls).increment();
		this.identities.remember(new TriggerIdentity(poll.triggerIdentity(), caller.userId(), caller.tenantId(),
				poll.deviceId(), poll.property()), this.properties.identities().touchInterval());
		if (poll.limit() == 0) {
			return new TriggerResponse(List.of());
		}
		List<StoredChange> changes = this.history.newest(
				new HistoryQuery(caller.userId(), caller.tenantId(), poll.deviceId(), poll.property(), poll.limit()));
		Set<String> devices = new LinkedHashSet<>();
		changes.forEach((change) -> devices.add(change.deviceId()));
		Map<String, String> names = this.deviceNames.namesOf(devices);
		return new TriggerResponse(changes.stream()
			.map((change) -> TriggerResponse.Item.of(change, names.get(change.deviceId())))
			.toList());
	}

	/**
	 * IFTTT calls this (with the service key) when an applet is turned off or its trigger
	 * fields change; a user's own token may forget that user's identities.
	 */
	@DeleteMapping(IftttPaths.TRIGGER_IDENTITY)
	@Operation(summary = "Forget a trigger identity: notifications stop naming it",
			security = { @SecurityRequirement(name = "serviceKey"), @SecurityRequirement(name = "bearer") })
	ResponseEntity<Void> forget(@PathVariable String slug, @PathVariable String identity,
			@Parameter(hidden = true) @RequestHeader(name = RealtimeHeaders.SERVICE_KEY,
					required = false) @Nullable String key,
			@Parameter(hidden = true) @AuthenticationPrincipal @Nullable Jwt token) {
		requireOurTrigger(slug);
		if (this.serviceKey.matches(key)) {
			this.identities.forget(identity);
		}
		else if (token != null) {
			HubPrincipal caller = HubPrincipal.of(token);
			this.identities.forget(identity, caller.userId(), caller.tenantId());
		}
		else {
			throw new NotAuthenticated("The IFTTT-Service-Key or a valid access token is required");
		}
		return ResponseEntity.ok().build();
	}

	private static Counter polls(MeterRegistry registry, boolean realtime) {
		return Counter.builder("virtdevice.ifttt.trigger.polls")
			.description("Trigger polls, by whether a Realtime notification caused them")
			.tag("realtime", String.valueOf(realtime))
			.register(registry);
	}

	private static void requireOurTrigger(String slug) {
		if (!IftttPaths.DEVICE_PROPERTY_CHANGED.equals(slug)) {
			throw new UnknownEndpoint("There is no trigger '" + slug + "'");
		}
	}

}
