package com.virtdevice.ifttt.api;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.virtdevice.ifttt.history.StoredChange;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a trigger poll (IFTTT's {@code TriggerCheckResponse}): the newest events
 * first.
 *
 * @param data the events
 */
@Schema(name = "TriggerCheckResponse")
record TriggerResponse(List<Item> data) {

	/**
	 * One event. Every ingredient is a string, as IFTTT requires.
	 *
	 * @param deviceId the device
	 * @param deviceName the device's name; left out when it cannot be looked up
	 * @param property the property
	 * @param oldValue the value before; empty when the property was new
	 * @param newValue the value after
	 * @param source who made the change: {@code alexa}, {@code ifttt}, {@code web},
	 * {@code api}
	 * @param changedAt when the change was committed, ISO-8601 UTC
	 * @param meta IFTTT's bookkeeping
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "TriggerEvent")
	record Item(@JsonProperty("device_id") String deviceId, @JsonProperty("device_name") @Nullable String deviceName,
			String property, @JsonProperty("old_value") String oldValue, @JsonProperty("new_value") String newValue,
			String source, @JsonProperty("changed_at") @Schema(example = "2026-11-27T12:00:00.123Z") String changedAt,
			Meta meta) {

		static Item of(StoredChange change, @Nullable String deviceName) {
			return new Item(change.deviceId(), deviceName, change.property(),
					Objects.requireNonNullElse(change.oldValue(), ""), change.newValue(), change.source(),
					DateTimeFormatter.ISO_INSTANT.format(change.changedAt()),
					new Meta(change.eventId().toString(), change.changedAt().getEpochSecond()));
		}

	}

	/**
	 * @param id the event's {@code eventId}: IFTTT fires an applet once per id
	 * @param timestamp when the change was committed, in Unix seconds
	 */
	@Schema(name = "TriggerEventMeta")
	record Meta(String id, long timestamp) {

	}

}
