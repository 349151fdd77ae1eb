package com.virtdevice.publisher.replay;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;
import com.virtdevice.events.DeviceStateEvent;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import com.virtdevice.events.EventCodec;
import com.virtdevice.publisher.device.InvalidDeviceRequest;
import com.virtdevice.publisher.replay.PublishedEvents.Owner;
import com.virtdevice.support.security.HubPrincipal;
import com.virtdevice.support.security.Scopes;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The replay API (docs/contract.md §4.4): events after a sequence, in sequence order. A
 * token with {@code events:replay} (or {@code ops:read}) reads every event; a user's
 * token reads that user's own. {@code nextSequence} is where to continue;
 * {@code latestSequence} the last sequence assigned, so a caller knows when it has caught
 * up.
 */
@RestController
class ReplayController {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	private final PublishedEvents events;

	private final EventCodec codec;

	ReplayController(PublishedEvents events, EventCodec codec) {
		this.events = events;
		this.codec = codec;
	}

	@GetMapping(path = "/api/events", produces = MediaType.APPLICATION_JSON_VALUE)
	Page replay(HubPrincipal caller, @RequestParam(defaultValue = "0") long afterSequence,
			@RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
		if (afterSequence < 0) {
			throw new InvalidDeviceRequest("afterSequence must be 0 or more");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidDeviceRequest("limit must be between 1 and " + MAX_LIMIT);
		}
		boolean everyone = caller.hasScope(Scopes.EVENTS_REPLAY) || caller.isOperator();
		long latest = this.events.latestSequence();
		List<DeviceStateEvent> items = this.events.between(afterSequence, latest, limit,
				everyone ? null : new Owner(caller.userId(), caller.tenantId()));
		long next = (items.size() == limit) ? items.get(items.size() - 1).sequence() : Math.max(afterSequence, latest);
		return new Page(items.stream().map((event) -> new EncodedEvent(this.codec.encodeToString(event))).toList(),
				next, latest);
	}

	/**
	 * @param items the events in sequence order
	 * @param nextSequence the {@code afterSequence} to ask for next
	 * @param latestSequence the last sequence assigned
	 */
	record Page(
			@ArraySchema(schema = @Schema(ref = "#/components/schemas/" + "DeviceStateEvent")) List<EncodedEvent> items,
			long nextSequence, long latestSequence) {
	}

	/**
	 * An event as the codec writes it, embedded as is.
	 *
	 * @param json its docs/contract.md §3 JSON
	 */
	record EncodedEvent(@JsonValue @JsonRawValue String json) {
	}

	/**
	 * How an event looks on the wire, for the OpenAPI document only; the codec writes it.
	 * Full rules: {@code docs/schemas/device-state-event.schema.json}.
	 */
	@Schema(name = "DeviceStateEvent", description = "An event (docs/contract.md §3), exactly as published on Redis")
	record EventSchema(@Schema(allowableValues = {
			"property_changed", "device_created", "device_deleted" }) String type,
			@Schema(format = "uuid") String eventId, long sequence, String deviceId, String userId, String tenantId,
			@Schema(nullable = true) String property, @Schema(nullable = true) String oldValue,
			@Schema(nullable = true) String newValue,
			@Schema(allowableValues = { "alexa", "ifttt", "web", "api" }) String source,
			@Schema(format = "date-time", example = "2026-11-27T12:00:00.123Z") String timestamp){
	}

}
