package com.virtdevice.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * How big and how long each measurement is. {@link #full()} is {@code ./run-benchmarks};
 * {@link #smoke()} runs every measurement in seconds, so the harness is exercised by
 * {@code ./mvnw verify}.
 *
 * @param name {@code full} or {@code smoke}
 * @param baseline how long each raw Redis / PostgreSQL baseline runs
 * @param redisConnections publishing connections of the Redis baseline
 * @param writeClients concurrent REST clients of the write-path runs (and the PostgreSQL
 * baseline)
 * @param write how long each write-path run lasts
 * @param copyRows audit-shaped rows of the PostgreSQL COPY baseline
 * @param users users of the end-to-end runs, each with one STOMP session
 * @param devicesPerUser lights per end-to-end user
 * @param singleChanges single changes on an idle hub, one at a time
 * @param singleChangeSpacing pause after each single change's frame arrived
 * @param endToEndRate changes/s of the low-rate open-loop end-to-end run (the other runs
 * at half the write path's rate)
 * @param endToEnd how long each end-to-end run lasts (after a warm-up)
 * @param warmUp warm-up before each end-to-end run, not measured
 * @param overloadRate changes/s of the output-buffer run (2 × the 1,000/s load)
 * @param overload how long the output-buffer run lasts
 * @param catchUpEvents events the activity-log misses and then catches up on
 * @param fanOutSessions STOMP sessions of the fan-out run
 * @param sessionsPerUser sessions per fan-out user
 * @param fanOutEventsPerSecond events/s offered to the fan-out users
 * @param fanOut how long the fan-out run lasts
 * @param hubWarmUp PUTs from 8 clients through the whole hub before the write path is
 * measured, so that every service's JIT has compiled its hot paths (a full run starts the
 * services with the C2 compiler, which otherwise burns the cores the first measurements
 * need)
 * @param microWarmUpIterations JMH warm-up iterations of each microbenchmark
 * @param microIterations JMH measured iterations of each microbenchmark
 * @param microIteration how long one JMH iteration lasts
 * @param quietWaitCap the longest wait for a quiet machine before a measurement
 */
record Settings(String name, Duration baseline, int redisConnections, List<Integer> writeClients, Duration write,
		int copyRows, int users, int devicesPerUser, int singleChanges, Duration singleChangeSpacing, int endToEndRate,
		Duration endToEnd, Duration warmUp, int overloadRate, Duration overload, int catchUpEvents, int fanOutSessions,
		int sessionsPerUser, int fanOutEventsPerSecond, Duration fanOut, Duration hubWarmUp, int microWarmUpIterations,
		int microIterations, Duration microIteration, Duration quietWaitCap) {

	/**
	 * How long to wait for a quiet machine: as long as asked, at most
	 * {@code quietWaitCap} (a smoke run on a busy machine would otherwise wait minutes).
	 */
	Duration quietWait(Duration asked) {
		return (asked.compareTo(this.quietWaitCap) < 0) ? asked : this.quietWaitCap;
	}

	static Settings full() {
		return new Settings("full", Duration.ofSeconds(8), 50, List.of(8, 32), Duration.ofSeconds(12), 200_000, 100, 10,
				50, Duration.ofMillis(200), 200, Duration.ofSeconds(15), Duration.ofSeconds(4), 2000,
				Duration.ofSeconds(60), 100_000, 10_000, 10, 6000, Duration.ofSeconds(15), Duration.ofSeconds(60), 3, 5,
				Duration.ofSeconds(1), Duration.ofMinutes(10));
	}

	static Settings smoke() {
		return new Settings("smoke", Duration.ofSeconds(1), 4, List.of(2), Duration.ofSeconds(1), 2_000, 4, 2, 10,
				Duration.ofMillis(100), 50, Duration.ofSeconds(2), Duration.ofMillis(500), 50, Duration.ofSeconds(2),
				300, 20, 2, 50, Duration.ofSeconds(2), Duration.ofSeconds(1), 1, 1, Duration.ofMillis(100),
				Duration.ofSeconds(5));
	}

	/** A smoke run with a longer write path, for profiling it (JFR). */
	static Settings profile() {
		Settings smoke = smoke();
		return new Settings("profile", smoke.baseline(), smoke.redisConnections(), List.of(8), Duration.ofSeconds(20),
				smoke.copyRows(), 8, 10, smoke.singleChanges(), smoke.singleChangeSpacing(), 200,
				Duration.ofSeconds(10), Duration.ofSeconds(2), 50, smoke.overload(), smoke.catchUpEvents(),
				smoke.fanOutSessions(), smoke.sessionsPerUser(), smoke.fanOutEventsPerSecond(), smoke.fanOut(),
				Duration.ofSeconds(20), smoke.microWarmUpIterations(), smoke.microIterations(), smoke.microIteration(),
				smoke.quietWaitCap());
	}

	static Settings named(String name) {
		return switch (name) {
			case "smoke" -> smoke();
			case "profile" -> profile();
			default -> full();
		};
	}

}
