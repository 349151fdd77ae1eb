package com.virtdevice.benchmarks;

/**
 * The targets a run judges (issue 15, "Targets"), in one place. Each is a ratio to a
 * baseline of the same run or a bound that does not depend on the machine's speed.
 */
final class Targets {

	/**
	 * REST PUT/s ÷ PostgreSQL commits/s at 32 clients before live events were delivered
	 * as received: the 2026-11-28 10:01 UTC run (docs/benchmarks.md at commit 07aad57).
	 */
	static final double PREVIOUS_WRITE_RATIO = 0.021;

	/** The write path at the most clients: at least 4 × its previous ratio to commits. */
	static final double WRITE_RATIO = 4 * PREVIOUS_WRITE_RATIO;

	/** Machine CPU per PUT at the most clients, in machine CPUs of one raw commit. */
	static final double CPU_PER_PUT_IN_COMMITS = 12;

	/** REST → STOMP at the low fixed rate (200 changes/s in a full run). */
	static final double LOW_RATE_P50_MS = 5;

	static final double LOW_RATE_P99_MS = 25;

	/** REST → STOMP at half the rate the write path sustains. */
	static final double HALF_RATE_P99_MS = 50;

	/** How far behind the last change any consumer may be when that run ends. */
	static final double CONSUMER_BEHIND_SECONDS = 1;

	/** dashboard-ws CPU per frame delivered in the fan-out run. */
	static final double FRAME_CPU_MICROS = 15;

	/** Audit catch-up rows/s ÷ COPY rows/s. */
	static final double CATCH_UP_COPY_RATIO = 0.3;

	/** Median REST → STOMP of a single change on an idle hub. */
	static final double IDLE_MEDIAN_MS = 10;

	private Targets() {
	}

}
