package com.virtdevice.support.events;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.support.events.HubEventListener.GapPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts events in {@code sequence} order, once each: drops what was already delivered,
 * fills jumps from the replay API, and catches up to the publisher's head on request.
 * Runs on one thread only (the stream's dispatcher).
 */
final class StreamSequencer {

	private static final Logger log = LoggerFactory.getLogger(StreamSequencer.class);

	static final long UNKNOWN = -1;

	private static final int RECENT = 4096;

	private final Consumer<StreamedEvent> sink;

	private final ReplaySource replay;

	private final GapPolicy policy;

	private final int pageSize;

	private final Duration maxBackoff;

	private final EventCodec codec;

	private final EventStreamMetrics metrics;

	private volatile long position = UNKNOWN;

	private volatile long latestKnown;

	private volatile @Nullable ReplayFailure replayFailure;

	/** The events last delivered, by sequence, to tell repeats from foreign events. */
	private final Map<Long, Delivered> recent = new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, Delivered> eldest) {
			return size() > RECENT;
		}
	};

	private long rejectedLogged;

	private long unconfirmedLogged;

	StreamSequencer(Consumer<StreamedEvent> sink, ReplaySource replay, GapPolicy policy, int pageSize,
			Duration maxBackoff, EventCodec codec, EventStreamMetrics metrics) {
		this.sink = sink;
		this.replay = replay;
		this.policy = policy;
		this.pageSize = pageSize;
		this.maxBackoff = maxBackoff;
		this.codec = codec;
		this.metrics = metrics;
	}

	/**
	 * Starts after the given sequence and catches up to the head, or waits for live
	 * events.
	 */
	void start(OptionalLong lastHandled) {
		if (lastHandled.isPresent()) {
			this.position = lastHandled.getAsLong();
			log.info("Catching up from sequence {} through the replay API", this.position);
			fill(Long.MAX_VALUE, null);
			log.info("Caught up to sequence {}", this.position);
		}
	}

	/**
	 * A live message from Redis. It is taken as word that the publisher has published up
	 * to its sequence, not as the event itself: the events up to there come from the
	 * replay API (one request usually covers every message waiting in the queue), and the
	 * message counts only if the publisher confirms it — same sequence, same event. A
	 * well-formed event the publisher never sent (a forgery, another hub's event on a
	 * shared Redis, a sequence from the future) is rejected and counted, and moves
	 * nothing: no real event is skipped or dropped because of it. Only when the replay
	 * API cannot be asked and the policy prefers a live view to a complete one
	 * ({@code SKIP_AFTER_ONE_ATTEMPT}) is a live event delivered unconfirmed.
	 */
	void onLive(DeviceStateEvent event, byte[] json) {
		long sequence = event.sequence();
		if (this.position == UNKNOWN) {
			startWith(event, json);
			return;
		}
		if (sequence <= this.position) {
			seenAgain(event);
			return;
		}
		if (sequence > this.position + 1) {
			this.metrics.gap();
			log.info("Sequence jumped from {} to {}: fetching the missing events", this.position, sequence);
		}
		boolean answered = fill(sequence, new StreamedEvent(event, json, false));
		if (this.position >= sequence) {
			Delivered delivered = this.recent.get(sequence);
			if (delivered == null || !delivered.event().equals(event)) {
				reject(event, "the publisher's event at sequence " + sequence + " is another one");
			}
			return;
		}
		if (answered) {
			reject(event,
					"the publisher never published sequence " + sequence + " (its latest is " + this.latestKnown + ")");
			return;
		}
		skipTo(sequence - 1, "the replay API could not provide them");
		deliverUnconfirmed(event, json);
	}

	/**
	 * A live event delivered as received, the replay API being unavailable and the policy
	 * preferring a live view: counted, and logged (the first ten, then every thousandth).
	 */
	private void deliverUnconfirmed(DeviceStateEvent event, byte[] json) {
		this.metrics.unconfirmed();
		long unconfirmed = ++this.unconfirmedLogged;
		if (unconfirmed <= 10 || unconfirmed % 1000 == 0) {
			log.warn("Replay API unavailable: delivering live event {} (sequence {}) unconfirmed ({} so far)",
					event.eventId(), event.sequence(), unconfirmed);
		}
		deliver(new StreamedEvent(event, json, false));
	}

	/**
	 * The first live event of a stream that starts with the live one: confirmed with the
	 * replay API before it sets the position, so that a foreign sequence cannot.
	 */
	private void startWith(DeviceStateEvent event, byte[] json) {
		long sequence = event.sequence();
		ReplayPage page;
		try {
			page = this.replay.fetch(sequence - 1, 1);
		}
		catch (ReplayUnavailable ex) {
			ReplayFailure previous = this.replayFailure;
			this.replayFailure = new ReplayFailure(ex.getMessage(),
					(previous != null) ? previous.since() : java.time.Instant.now());
			log.warn("Replay API unavailable: starting unconfirmed at sequence {}: {}", sequence, ex.getMessage());
			this.position = sequence - 1;
			deliverUnconfirmed(event, json);
			return;
		}
		this.replayFailure = null;
		this.latestKnown = Math.max(this.latestKnown, page.latestSequence());
		if (page.items().isEmpty() || !page.items().get(0).equals(event)) {
			reject(event, "the publisher has no such event at sequence " + sequence);
			return;
		}
		this.position = sequence - 1;
		deliver(new StreamedEvent(event, json, false));
	}

	/** A message for a sequence already delivered: a repeat, or a foreign event. */
	private void seenAgain(DeviceStateEvent event) {
		Delivered delivered = this.recent.get(event.sequence());
		if (delivered != null && !delivered.event().equals(event)) {
			reject(event, "sequence " + event.sequence() + " was another event");
		}
		else if (delivered != null && !delivered.seenLive()) {
			// The live message of an event a replay page already delivered: not a repeat.
			this.recent.put(event.sequence(), new Delivered(delivered.event(), true));
		}
		else {
			this.metrics.duplicate();
		}
	}

	private void reject(DeviceStateEvent event, String reason) {
		this.metrics.rejected();
		long rejected = ++this.rejectedLogged;
		if (rejected <= 10 || rejected % 1000 == 0) {
			log.warn("Rejected event {} (sequence {}, device {}), not sent by this hub's publisher: {} ({} so far)",
					event.eventId(), event.sequence(), event.deviceId(), reason, rejected);
		}
	}

	/** Asks the replay API for anything after the current position (a missed tail). */
	void catchUp() {
		if (this.position != UNKNOWN) {
			fill(Long.MAX_VALUE, null);
		}
	}

	long position() {
		return this.position;
	}

	long latestKnown() {
		return this.latestKnown;
	}

	@Nullable ReplayFailure replayFailure() {
		return this.replayFailure;
	}

	/**
	 * Delivers from the replay API up to {@code target} (or the publisher's head); the
	 * live message that asked for it, if any, is delivered as received when the publisher
	 * has the same event. Returns false when the replay API could not be asked.
	 */
	private boolean fill(long target, @Nullable StreamedEvent live) {
		int failures = 0;
		while (this.position < target && !Thread.currentThread().isInterrupted()) {
			ReplayPage page;
			try {
				page = this.replay.fetch(this.position, this.pageSize);
			}
			catch (ReplayUnavailable ex) {
				failures++;
				ReplayFailure previous = this.replayFailure;
				this.replayFailure = new ReplayFailure(ex.getMessage(),
						(previous != null) ? previous.since() : java.time.Instant.now());
				if (this.policy == GapPolicy.SKIP_AFTER_ONE_ATTEMPT || !pause(failures, ex)) {
					return false;
				}
				continue;
			}
			failures = 0;
			this.replayFailure = null;
			this.latestKnown = Math.max(this.latestKnown, page.latestSequence());
			if (page.latestSequence() < this.position) {
				log.error(
						"The publisher's latest sequence {} is behind this service's position {}: its event "
								+ "stream was reset. Continuing from {}.",
						page.latestSequence(), this.position, page.latestSequence());
				this.position = page.latestSequence();
				return true;
			}
			deliverReplayed(page, live);
			if (page.items().size() < this.pageSize || this.position >= page.latestSequence()) {
				return true;
			}
		}
		return true;
	}

	private void deliverReplayed(ReplayPage page, @Nullable StreamedEvent live) {
		for (DeviceStateEvent item : page.items()) {
			if (item.sequence() <= this.position) {
				continue;
			}
			if (item.sequence() > this.position + 1) {
				skipTo(item.sequence() - 1, "the publisher no longer has them (retention) or never published them");
			}
			if (live != null && item.equals(live.event())) {
				deliver(live);
			}
			else {
				deliver(new StreamedEvent(item, this.codec.encode(item), true));
			}
		}
	}

	private void skipTo(long sequence, String reason) {
		if (sequence <= this.position) {
			return;
		}
		long missing = sequence - this.position;
		log.error("Skipping {} event(s) after sequence {}: {}", missing, this.position, reason);
		this.metrics.lost(missing);
		this.position = sequence;
	}

	private void deliver(StreamedEvent event) {
		try {
			this.sink.accept(event);
		}
		catch (RuntimeException ex) {
			this.metrics.failed();
			log.error("Handling event {} (sequence {}) failed", event.event().eventId(), event.sequence(), ex);
		}
		this.position = event.sequence();
		this.recent.put(event.sequence(), new Delivered(event.event(), !event.replayed()));
		this.metrics.delivered(event.replayed());
	}

	/** Waits before the next replay attempt; false if interrupted. */
	private boolean pause(int failures, ReplayUnavailable ex) {
		long millis = Math.min(this.maxBackoff.toMillis(), 1000L << Math.min(failures - 1, 10));
		if (failures == 1 || failures % 10 == 0) {
			log.warn("Replay API unavailable after sequence {} (attempt {}), retrying in {} ms: {}", this.position,
					failures, millis, ex.getMessage());
		}
		try {
			Thread.sleep(millis);
			return true;
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * An event delivered, and whether its live message has been seen.
	 *
	 * @param event the event
	 * @param seenLive whether it came from Redis, or its message did since
	 */
	private record Delivered(DeviceStateEvent event, boolean seenLive) {
	}

}
