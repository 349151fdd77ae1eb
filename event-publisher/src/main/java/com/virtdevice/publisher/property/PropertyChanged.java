package com.virtdevice.publisher.property;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of setting one property (docs/contract.md §4.2). {@code changed} is false,
 * and there is no event, when the property already had the value.
 *
 * @param deviceId the device
 * @param property the property
 * @param oldValue the value replaced ({@code null} if the property did not exist)
 * @param newValue the value now
 * @param changed whether the value changed
 * @param eventId the event recorded for the change, if it changed; its {@code sequence}
 * is assigned when it is published
 */
public record PropertyChanged(String deviceId, String property, @Nullable String oldValue, String newValue,
		boolean changed, @Nullable UUID eventId) {

}
