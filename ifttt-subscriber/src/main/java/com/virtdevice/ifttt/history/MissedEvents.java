package com.virtdevice.ifttt.history;

import java.util.ArrayList;
import java.util.List;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.support.events.ReplayPage;
import com.virtdevice.support.events.ReplaySource;
import com.virtdevice.support.events.ReplayUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads events the writer dropped (its buffer was full) back from the publisher's replay
 * API.
 */
final class MissedEvents {

	private static final Logger log = LoggerFactory.getLogger(MissedEvents.class);

	private static final int PAGE_SIZE = 500;

	private final ReplaySource replay;

	MissedEvents(ReplaySource replay) {
		this.replay = replay;
	}

	/**
	 * The events with {@code after < sequence <= upTo}, in order; fewer if the publisher
	 * no longer has some.
	 * @throws ReplayUnavailable if the publisher cannot be asked now (the caller retries)
	 */
	List<DeviceStateEvent> between(long after, long upTo) {
		List<DeviceStateEvent> found = new ArrayList<>();
		long cursor = after;
		while (cursor < upTo) {
			ReplayPage page = this.replay.fetch(cursor, (int) Math.min(PAGE_SIZE, upTo - cursor));
			long before = cursor;
			for (DeviceStateEvent event : page.items()) {
				if (event.sequence() > cursor && event.sequence() <= upTo) {
					found.add(event);
					cursor = event.sequence();
				}
			}
			if (cursor == before || cursor >= page.latestSequence()) {
				break;
			}
		}
		long missing = (upTo - after) - found.size();
		if (missing > 0) {
			log.error("{} event(s) between sequences {} and {} could not be read back from the replay API; "
					+ "they are missing from the IFTTT history", missing, after + 1, upTo);
		}
		return found;
	}

}
