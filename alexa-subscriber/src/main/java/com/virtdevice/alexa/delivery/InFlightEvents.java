package com.virtdevice.alexa.delivery;

import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Which events are still being worked on, so that the stored stream position never passes
 * an event whose report is not finished (coalescing, retries): after a crash the stream
 * resumes from {@link #watermark()} and nothing is lost. Events between the watermark and
 * the crash that were already reported are recognised by their eventId.
 */
final class InFlightEvents {

	private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();

	private volatile long lastBegun;

	InFlightEvents(long start) {
		this.lastBegun = start;
	}

	/** The dispatcher took an event (called in sequence order, from one thread). */
	void begin(long sequence) {
		this.inFlight.add(sequence);
		if (sequence > this.lastBegun) {
			this.lastBegun = sequence;
		}
	}

	/** Work on an event is over, whatever came of it. */
	void end(long sequence) {
		this.inFlight.remove(sequence);
	}

	/** Every event up to this sequence is handled; -1 before any is known. */
	long watermark() {
		long begun = this.lastBegun;
		Long oldest = this.inFlight.ceiling(Long.MIN_VALUE);
		return (oldest != null && oldest <= begun) ? oldest - 1 : begun;
	}

	int size() {
		return this.inFlight.size();
	}

	/** A fresh start from a stored position. */
	void reset(long start) {
		this.inFlight.clear();
		this.lastBegun = start;
	}

}
