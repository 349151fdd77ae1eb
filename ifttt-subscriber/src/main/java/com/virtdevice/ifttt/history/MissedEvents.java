package com.virtdevice.ifttt.history;

import java.util.ArrayList;
import java.util.List;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.support.events.ReplayPage;
import com.virtdevice.support.events.ReplaySource;
import com.virtdevice.support.events.ReplayUnavailable;
import com.virtdevice.support.events.StreamedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts events the writer's buffer dropped back into place, read from the publisher's
 * replay API, so that what the writer writes is always a run of consecutive sequences.
 */
final class MissedEvents {

	private static final Logger log = LoggerFactory.getLogger(MissedEvents.class);

	/** Position before the first event, when the stream starts with a live one. */
	static final long UNKNOWN = -1;

	private static final int PAGE_SIZE = 500;

	private final ReplaySource replay;

	MissedEvents(ReplaySource replay) {
		this.replay = replay;
	}

	/**
	 * The batch's events in stream order, with every sequence after {@code position} that
	 * is missing before or between them — or after them, up to {@code droppedUpTo} — read
	 * back in.
	 * @throws ReplayUnavailable if the publisher cannot be asked now (the caller retries)
	 */
	List<DeviceStateEvent> fillIn(List<StreamedEvent> batch, long position, long droppedUpTo) {
		List<DeviceStateEvent> events = new ArrayList<>();
		long expected = (position == UNKNOWN) ? UNKNOWN : position + 1;
		for (StreamedEvent streamed : batch) {
			if (expected != UNKNOWN && streamed.sequence() > expected) {
				events.addAll(between(expected - 1, streamed.sequence() - 1));
			}
			events.add(streamed.event());
			expected = streamed.sequence() + 1;
		}
		if (expected != UNKNOWN && droppedUpTo >= expected) {
			events.addAll(between(expected - 1, droppedUpTo));
		}
		return events;
	}

	/**
	 * The events with {@code after < sequence <= upTo}, in order; fewer if the publisher
	 * no longer has some.
	 */
	private List<DeviceStateEvent> between(long after, long upTo) {
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
