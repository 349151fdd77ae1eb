package com.virtdevice.alexa.delivery;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Which deliveries an operator asks for.
 *
 * @param eventId those that reported this event
 * @param deviceId those of this device
 * @param outcome those that ended so
 * @param limit at most this many, newest first
 */
record DeliveryQuery(@Nullable UUID eventId, @Nullable String deviceId, @Nullable DeliveryOutcome outcome, int limit) {

}
