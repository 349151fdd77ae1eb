package com.virtdevice.support.events;

import java.time.Duration;
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
			fill(Long.MAX_VALUE);
			log.info("Caught up to sequence {}", this.position);
		}
	}

	/** A live event from Redis. */
	void onLive(DeviceStateEvent event, byte[] json) {
		long sequence = event.sequence();
		this.latestKnown = Math.max(this.latestKnown, sequence);
		if (this.position == UNKNOWN) {
			this.position = sequence - 1;
		}
		if (sequence > this.position + 1) {
			this.metrics.gap();
			log.info("Sequence jumped from {} to {}: fetching the missing events", this.position, sequence);
			fill(sequence - 1);
		}
		if (sequence <= this.position) {
			this.metrics.duplicate();
			return;
		}
		if (sequence > this.position + 1) {
			skipTo(sequence - 1, "the replay API could not provide them");
		}
		deliver(new StreamedEvent(event, json, false));
	}

	/** Asks the replay API for anything after the current position (a missed tail). */
	void catchUp() {
		if (this.position != UNKNOWN) {
			fill(Long.MAX_VALUE);
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

	private void fill(long target) {
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
					return;
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
				return;
			}
			deliverReplayed(page);
			if (page.items().size() < this.pageSize || this.position >= page.latestSequence()) {
				return;
			}
		}
	}

	private void deliverReplayed(ReplayPage page) {
		for (DeviceStateEvent item : page.items()) {
			if (item.sequence() <= this.position) {
				continue;
			}
			if (item.sequence() > this.position + 1) {
				skipTo(item.sequence() - 1, "the publisher no longer has them (retention) or never published them");
			}
			deliver(new StreamedEvent(item, this.codec.encode(item), true));
		}
	}

	private void skipTo(long sequence, String reason) {
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

}
