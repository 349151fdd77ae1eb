package com.virtdevice.support.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.support.events.HubEventListener.GapPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts events in {@code sequence} order, once each. Only the publisher may publish on the
 * hub's channels (Redis ACLs), so a live message that is next in sequence is the event
 * itself and is delivered as received. The replay API is asked only when the live stream
 * cannot say what happened: at start (catch-up from the stored position), after a jump,
 * after a Redis reconnect and for a missed tail. A message whose sequence the publisher
 * never published is rejected and counted, and moves nothing.
 * <p>
 * Runs on one thread only (the stream's dispatcher). In-sequence live events collect in a
 * batch until {@link #flush()}; replayed events go to the sink page by page.
 */
final class StreamSequencer {

	private static final Logger log = LoggerFactory.getLogger(StreamSequencer.class);

	static final long UNKNOWN = -1;

	private final Consumer<List<StreamedEvent>> sink;

	private final ReplaySource replay;

	private final GapPolicy policy;

	private final int pageSize;

	private final Duration maxBackoff;

	private final EventCodec codec;

	private final EventStreamMetrics metrics;

	/** In-sequence live events not yet handed to the sink. */
	private final List<StreamedEvent> batch = new ArrayList<>();

	/** The last sequence accepted; health reads it from other threads. */
	private volatile long position = UNKNOWN;

	private volatile long latestKnown;

	private volatile @Nullable ReplayFailure replayFailure;

	private long rejectedLogged;

	StreamSequencer(Consumer<List<StreamedEvent>> sink, ReplaySource replay, GapPolicy policy, int pageSize,
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
	 * Starts after the given sequence and catches up to the publisher's head; without
	 * one, the first live event sets where the stream starts.
	 */
	void start(OptionalLong lastHandled) {
		if (lastHandled.isPresent()) {
			this.position = lastHandled.getAsLong();
			log.info("Catching up from sequence {} through the replay API", this.position);
			fill(Long.MAX_VALUE);
			log.info("Caught up to sequence {}", this.position);
		}
	}

	/** A decoded live message from Redis. */
	void onLive(DeviceStateEvent event, byte[] json) {
		long sequence = event.sequence();
		this.latestKnown = Math.max(this.latestKnown, sequence);
		if (this.position == UNKNOWN) {
			this.position = sequence - 1;
		}
		if (sequence <= this.position) {
			this.metrics.duplicate();
			return;
		}
		if (sequence == this.position + 1) {
			this.batch.add(new StreamedEvent(event, json, false));
			this.position = sequence;
			return;
		}
		this.metrics.gap();
		log.info("Sequence jumped from {} to {}: reading the missing events from the replay API", this.position,
				sequence);
		flush();
		if (!fill(sequence)) {
			skipTo(sequence - 1, "the replay API could not provide them");
			deliver(List.of(new StreamedEvent(event, json, false)));
		}
		else if (this.position < sequence) {
			reject(event,
					"the publisher never published sequence " + sequence + " (its latest is " + this.position + ")");
		}
	}

	/** Hands the in-sequence live events collected so far to the sink. */
	void flush() {
		if (!this.batch.isEmpty()) {
			List<StreamedEvent> events = List.copyOf(this.batch);
			this.batch.clear();
			deliver(events);
		}
	}

	/** Reads anything after the current position from the replay API (a missed tail). */
	void catchUp() {
		flush();
		if (this.position != UNKNOWN) {
			fill(Long.MAX_VALUE);
		}
	}

	/**
	 * Asks the replay API where the publisher is, without reading events: keeps the lag
	 * and the replay API's state in health current while live events need no replay.
	 */
	void probe() {
		try {
			ReplayPage page = this.replay.fetch(Math.max(0, this.position), 1);
			this.latestKnown = Math.max(this.latestKnown, page.latestSequence());
			this.replayFailure = null;
		}
		catch (ReplayUnavailable ex) {
			this.replayFailure = ReplayFailure.after(this.replayFailure, ex);
			log.warn("The replay API cannot be read: {}", ex.getMessage());
		}
	}

	/** The sequence of the last event accepted (delivered, or batched to be). */
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
	 * Delivers from the replay API up to {@code target} or the publisher's head, page by
	 * page (after {@link #flush()}, so the position is that of the last event delivered).
	 * Returns false when the replay API could not be read and the policy does not wait
	 * for it.
	 */
	private boolean fill(long target) {
		int failures = 0;
		while (this.position < target && !Thread.currentThread().isInterrupted()) {
			ReplayPage page;
			try {
				page = this.replay.fetch(this.position, this.pageSize);
			}
			catch (ReplayUnavailable ex) {
				failures++;
				this.replayFailure = ReplayFailure.after(this.replayFailure, ex);
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
			deliverReplayed(page);
			if (page.items().size() < this.pageSize || this.position >= page.latestSequence()) {
				return true;
			}
		}
		return true;
	}

	private void deliverReplayed(ReplayPage page) {
		List<StreamedEvent> events = new ArrayList<>(page.items().size());
		long expected = this.position + 1;
		for (DeviceStateEvent item : page.items()) {
			if (item.sequence() < expected) {
				continue;
			}
			if (item.sequence() > expected) {
				deliver(events);
				events = new ArrayList<>();
				skipTo(item.sequence() - 1, "the publisher no longer has them (retention) or never published them");
			}
			events.add(new StreamedEvent(item, this.codec.encode(item), true));
			expected = item.sequence() + 1;
		}
		deliver(events);
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

	private void deliver(List<StreamedEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		try {
			this.sink.accept(events);
		}
		catch (RuntimeException ex) {
			this.metrics.failed(events.size());
			log.error("Handling {} event(s) from sequence {} (event {}) failed", events.size(),
					events.get(0).sequence(), events.get(0).event().eventId(), ex);
		}
		this.position = events.get(events.size() - 1).sequence();
		this.metrics.delivered(events);
	}

	private void reject(DeviceStateEvent event, String reason) {
		this.metrics.rejected();
		long rejected = ++this.rejectedLogged;
		if (rejected <= 10 || rejected % 1000 == 0) {
			log.warn("Rejected event {} (sequence {}, device {}): {} ({} so far)", event.eventId(), event.sequence(),
					event.deviceId(), reason, rejected);
		}
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

}
