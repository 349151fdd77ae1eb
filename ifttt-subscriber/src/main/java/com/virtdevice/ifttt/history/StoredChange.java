package com.virtdevice.ifttt.history;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A property change from the history, as the trigger endpoint serves it.
 *
 * @param eventId the event's id
 * @param deviceId the device
 * @param property the property
 * @param oldValue the value before, {@code null} if the property was new
 * @param newValue the value after
 * @param source who made the change ({@code alexa}, {@code ifttt}, {@code web},
 * {@code api})
 * @param changedAt when the change was committed
 */
public record StoredChange(UUID eventId, String deviceId, String property, @Nullable String oldValue, String newValue,
		String source, Instant changedAt) {

}
