package com.virtdevice.publisher.property;

import java.util.LinkedHashMap;
import java.util.Map;

import com.virtdevice.publisher.device.PropertyRules;
import com.virtdevice.publisher.property.PropertyChanges.IdempotencyKey;
import com.virtdevice.publisher.property.PropertyChanges.Outcome;
import com.virtdevice.support.security.HubPrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Property changes (docs/contract.md §4.2): PUT one, PATCH several atomically. */
@RestController
@RequestMapping(path = "/api/devices/{id}/properties", produces = MediaType.APPLICATION_JSON_VALUE)
class PropertyController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String REPLAYED = "Idempotent-Replayed";

	private final PropertyChanges changes;

	PropertyController(PropertyChanges changes) {
		this.changes = changes;
	}

	@PutMapping("/{property}")
	ResponseEntity<PropertyChanged> set(HubPrincipal caller, @PathVariable String id, @PathVariable String property,
			@RequestBody SetProperty request,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String key) {
		PropertyRules.checkName(property);
		PropertyRules.checkValue(property, request.value());
		Outcome outcome = this.changes.applyOwned(caller, id, Map.of(property, request.value()),
				PropertyRules.source(request.source()), idempotencyKey(caller, key));
		return respond(outcome, outcome.changes().results().get(0));
	}

	@PatchMapping
	ResponseEntity<PropertiesChanged> setAll(HubPrincipal caller, @PathVariable String id,
			@RequestBody SetProperties request,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String key) {
		PropertyRules.checkValues(request.values(), false);
		Outcome outcome = this.changes.applyOwned(caller, id, new LinkedHashMap<>(request.values()),
				PropertyRules.source(request.source()), idempotencyKey(caller, key));
		return respond(outcome, outcome.changes());
	}

	private static @Nullable IdempotencyKey idempotencyKey(HubPrincipal caller, @Nullable String key) {
		return (key != null) ? new IdempotencyKey("user:" + caller.tenantId() + ":" + caller.userId(), key) : null;
	}

	private static <T> ResponseEntity<T> respond(Outcome outcome, T body) {
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (outcome.replayed()) {
			response.header(REPLAYED, "true");
		}
		return response.body(body);
	}

	/**
	 * @param value the new value, at most 1024 characters
	 * @param source who makes the change: alexa, ifttt, web or api (default)
	 */
	record SetProperty(@Nullable String value, @Nullable String source) {
	}

	/**
	 * @param values the new values by property name, set all or none
	 * @param source who makes the change: alexa, ifttt, web or api (default)
	 */
	record SetProperties(@Nullable Map<String, String> values, @Nullable String source) {
	}

}
