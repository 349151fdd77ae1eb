package com.virtdevice.support.events;

import java.util.List;

import com.virtdevice.events.DeviceStateEvent;

/**
 * One answer of the publisher's replay API.
 *
 * @param items events after the requested sequence, in sequence order
 * @param nextSequence the {@code afterSequence} to ask for next
 * @param latestSequence the newest sequence the publisher has assigned
 */
public record ReplayPage(List<DeviceStateEvent> items, long nextSequence, long latestSequence) {

}
