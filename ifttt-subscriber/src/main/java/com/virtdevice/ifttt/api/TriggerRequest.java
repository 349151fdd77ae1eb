package com.virtdevice.ifttt.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.virtdevice.events.Channels;
import com.virtdevice.events.EventLimits;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/**
 * IFTTT's trigger poll (its OpenAPI {@code TriggerCheckRequest}).
 *
 * @param triggerIdentity identifies the applet's trigger and its fields
 * @param triggerFields {@code device_id} and {@code property}, both optional filters
 * @param user IFTTT's information about the user (its time zone); not used
 * @param limit most events to return, default 50; 0 asks for none
 * @param iftttSource the applet that polls; not used
 */
@Schema(name = "TriggerCheckRequest")
record TriggerRequest(
		@JsonProperty("trigger_identity") @Schema(
				requiredMode = RequiredMode.REQUIRED) @Nullable String triggerIdentity,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				example = FIELDS_EXAMPLE) @Nullable Map<String, @Nullable Object> triggerFields,
		@Nullable Map<String, @Nullable Object> user,
		@Schema(minimum = "0", defaultValue = "50") @Nullable Integer limit,
		@JsonProperty("ifttt_source") @Nullable Map<String, @Nullable Object> iftttSource) {

	static final String FIELDS_EXAMPLE = "{\"device_id\": \"kitchen-light\", \"property\": \"powerState\"}";

	static final int DEFAULT_LIMIT = 50;

	/** The most events one poll returns, whatever it asks for. */
	static final int MAX_LIMIT = 1000;

	static final String DEVICE_ID_FIELD = "device_id";

	static final String PROPERTY_FIELD = "property";

	/**
	 * The poll this request asks for.
	 * @throws InvalidTriggerRequest if a field is missing or not valid
	 */
	TriggerPoll validated() {
		if (this.triggerIdentity == null || this.triggerIdentity.isBlank()) {
			throw new InvalidTriggerRequest("trigger_identity is required");
		}
		if (this.triggerFields == null) {
			throw new InvalidTriggerRequest("triggerFields is required");
		}
		String deviceId = field(DEVICE_ID_FIELD);
		if (deviceId != null && !Channels.isChannelSafe(deviceId)) {
			throw new InvalidTriggerRequest("triggerFields.device_id is not a valid device id");
		}
		String property = field(PROPERTY_FIELD);
		if (property != null && !EventLimits.isValidPropertyName(property)) {
			throw new InvalidTriggerRequest("triggerFields.property is not a valid property name");
		}
		int limit = (this.limit != null) ? this.limit : DEFAULT_LIMIT;
		if (limit < 0) {
			throw new InvalidTriggerRequest("limit must not be negative");
		}
		return new TriggerPoll(this.triggerIdentity, deviceId, property, Math.min(limit, MAX_LIMIT));
	}

	/** A trigger field's value; blank (a field left empty) means no filter. */
	private @Nullable String field(String name) {
		Object value = (this.triggerFields != null) ? this.triggerFields.get(name) : null;
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text)) {
			throw new InvalidTriggerRequest("triggerFields." + name + " must be a string");
		}
		return text.isBlank() ? null : text.trim();
	}

	/**
	 * A validated poll.
	 *
	 * @param triggerIdentity the applet trigger's identity
	 * @param deviceId only this device, or any
	 * @param property only this property, or any
	 * @param limit at most this many events
	 */
	record TriggerPoll(String triggerIdentity, @Nullable String deviceId, @Nullable String property, int limit) {

	}

}
