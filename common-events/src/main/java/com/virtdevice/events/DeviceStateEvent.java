package com.virtdevice.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One change of one device, exactly as it travels on the Redis channels (docs/contract.md
 * §3): the seed design's fields plus {@code eventId} and {@code sequence}.
 * <p>
 * Every instance is valid: the constructor rejects what the wire format forbids with an
 * {@link InvalidEventException}, so a subscriber holding an event never meets a missing
 * field later.
 *
 * @param type what happened
 * @param eventId unique per event; consumers deduplicate on it
 * @param sequence the publisher's position in its stream of published events, from 1,
 * strictly increasing by exactly 1 per published event
 * @param deviceId the device
 * @param userId the device's owner
 * @param tenantId the owner's tenant
 * @param property the changed property; {@code null} for lifecycle events
 * @param oldValue the value replaced; {@code null} when the property did not exist before
 * and for lifecycle events
 * @param newValue the new value; {@code null} only for lifecycle events
 * @param source who made the change
 * @param timestamp when the change was committed, at millisecond precision
 */
public record DeviceStateEvent(EventType type, UUID eventId, long sequence, String deviceId, String userId,
		String tenantId, @Nullable String property, @Nullable String oldValue, @Nullable String newValue,
		ChangeSource source, Instant timestamp) {

	public DeviceStateEvent {
		require(type, "type");
		require(eventId, "eventId");
		require(source, "source");
		require(timestamp, "timestamp");
		if (sequence < 1) {
			throw new InvalidEventException("sequence must be 1 or more, was " + sequence);
		}
		requireId("deviceId", deviceId);
		requireId("userId", userId);
		requireId("tenantId", tenantId);
		if (type == EventType.PROPERTY_CHANGED) {
			requirePropertyChange(property, oldValue, newValue);
		}
		else if (property != null || oldValue != null || newValue != null) {
			throw new InvalidEventException(
					type.wireName() + " must have property, oldValue and newValue null (it describes the device)");
		}
		timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
	}

	/** A {@code property_changed} event. */
	public static DeviceStateEvent propertyChanged(UUID eventId, long sequence, String deviceId, String userId,
			String tenantId, String property, @Nullable String oldValue, String newValue, ChangeSource source,
			Instant timestamp) {
		return new DeviceStateEvent(EventType.PROPERTY_CHANGED, eventId, sequence, deviceId, userId, tenantId, property,
				oldValue, newValue, source, timestamp);
	}

	/** A {@code device_created} or {@code device_deleted} event. */
	public static DeviceStateEvent lifecycle(EventType type, UUID eventId, long sequence, String deviceId,
			String userId, String tenantId, ChangeSource source, Instant timestamp) {
		if (!type.isLifecycle()) {
			throw new InvalidEventException(type.wireName() + " is not a lifecycle event");
		}
		return new DeviceStateEvent(type, eventId, sequence, deviceId, userId, tenantId, null, null, null, source,
				timestamp);
	}

	private static void require(@Nullable Object value, String field) {
		if (value == null) {
			throw new InvalidEventException("missing field '" + field + "'");
		}
	}

	private static void requireId(String field, @Nullable String id) {
		require(id, field);
		if (!Channels.isChannelSafe(id)) {
			throw new InvalidEventException(field + " " + Texts.abbreviate(id) + " is not a valid id: it must be "
					+ Channels.CHANNEL_SAFE_RULE);
		}
	}

	private static void requirePropertyChange(@Nullable String property, @Nullable String oldValue,
			@Nullable String newValue) {
		require(property, "property");
		require(newValue, "newValue");
		if (!EventLimits.isValidPropertyName(property)) {
			throw new InvalidEventException("property " + Texts.abbreviate(property) + " is not a valid property name ("
					+ EventLimits.PROPERTY_NAME.pattern() + ")");
		}
		if (!EventLimits.isValidValue(newValue)) {
			throw new InvalidEventException("newValue is " + EventLimits.length(newValue) + " characters; the limit is "
					+ EventLimits.MAX_VALUE_LENGTH);
		}
		if (oldValue != null && !EventLimits.isValidValue(oldValue)) {
			throw new InvalidEventException("oldValue is " + EventLimits.length(oldValue) + " characters; the limit is "
					+ EventLimits.MAX_VALUE_LENGTH);
		}
	}

}
