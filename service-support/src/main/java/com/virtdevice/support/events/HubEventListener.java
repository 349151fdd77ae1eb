package com.virtdevice.support.events;

import java.util.List;
import java.util.OptionalLong;

/**
 * A service's consumer of hub events. Declare one as a bean and the service gets the one
 * Redis subscription it needs, an ordered gap-free stream, health and metrics.
 * <p>
 * {@link #onEvents} is called on the stream's single dispatcher thread — never on Redis'
 * own thread — in {@code sequence} order, once per sequence, with everything that arrived
 * since the previous call: a quiet stream hands over one event at a time, a busy one
 * bigger batches. It may block, for example to write the batch to a database: messages
 * that arrive meanwhile wait in the stream's queue and, beyond its capacity, are counted
 * and read back from the replay API later, never lost.
 */
public interface HubEventListener {

	/** Which channels to subscribe to. */
	StreamChannels channels();

	/**
	 * Where this service left off: the sequence of the last event it handled, read from
	 * its own store, so events missed while it was down are fetched from the replay API
	 * first. {@code OptionalLong.of(0)} starts from the oldest retained event; empty
	 * starts with the first live event.
	 */
	OptionalLong lastHandledSequence();

	/**
	 * Handles the next events, in sequence order. A {@link RuntimeException} is logged
	 * and counted ({@code virtdevice.events.failed}) and the stream goes on: a listener
	 * that must not lose an event retries inside this call.
	 */
	void onEvents(List<StreamedEvent> events);

	/** What to do when a gap cannot be filled from the replay API. */
	default GapPolicy gapPolicy() {
		return GapPolicy.WAIT_FOR_REPLAY;
	}

	/** The channel families a service can listen to. */
	enum StreamChannels {

		/** {@code device:*:state} and {@code global:events}: every event, once. */
		DEVICES_AND_GLOBAL,

		/** {@code user:*:events}: every event, once, on its owner's channel. */
		USERS

	}

	/** How to treat a gap the replay API cannot fill right now. */
	enum GapPolicy {

		/**
		 * Keep retrying the replay API; never deliver past a hole (audit, notifications).
		 */
		WAIT_FOR_REPLAY,

		/**
		 * Try once, then skip ahead and count the loss (live views, which can reload).
		 */
		SKIP_AFTER_ONE_ATTEMPT

	}

}
