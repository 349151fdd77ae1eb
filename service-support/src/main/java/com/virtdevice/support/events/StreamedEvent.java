package com.virtdevice.support.events;

import com.virtdevice.events.DeviceStateEvent;

/**
 * An event as the stream delivers it.
 *
 * @param event the decoded event
 * @param json its canonical JSON (docs/contract.md §3), ready to forward
 * @param replayed whether it came from the replay API rather than Redis
 */
public record StreamedEvent(DeviceStateEvent event, byte[] json, boolean replayed) {

	public long sequence() {
		return this.event.sequence();
	}

}
