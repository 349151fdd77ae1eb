package com.virtdevice.alexa.state;

import java.time.Instant;

/**
 * A property value as this service knows it.
 *
 * @param value the stored VirtDevice value
 * @param timeOfSample when it was known to be the value: the commit time of the event
 * that set it, or the time it was read from the publisher
 */
public record KnownValue(String value, Instant timeOfSample) {

}
