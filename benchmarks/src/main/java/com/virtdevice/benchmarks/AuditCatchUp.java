package com.virtdevice.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import com.virtdevice.benchmarks.Benchmarks.World;
import com.virtdevice.benchmarks.PutLoad.Target;
import com.virtdevice.benchmarks.Results.Row;
import com.virtdevice.localstack.LocalStack;
import com.virtdevice.testsupport.ServiceProcess;

/**
 * The activity-log is stopped, misses many events (changed by SQL in bulk, published by
 * the relay as usual), is started again and catches up from the replay API. The rate is
 * taken from the rows' own {@code recorded_at}, so start-up time is reported apart.
 */
final class AuditCatchUp {

	private final LocalStack stack;

	private final Database database;

	private final World world;

	private final Settings settings;

	private final Results results;

	AuditCatchUp(LocalStack stack, Database database, World world, Settings settings, Results results) {
		this.stack = stack;
		this.database = database;
		this.world = world;
		this.settings = settings;
		this.results = results;
	}

	void run(double copyRate) throws Exception {
		Benchmarks.section("5. Audit catch-up of " + this.settings.catchUpEvents() + " missed events");
		ServiceProcess activityLog = this.stack.service("activity-log");
		activityLog.stop();
		long auditedBefore = this.database.auditedSequence();
		String[] devices = this.world.lights().stream().map(Target::device).toArray(String[]::new);
		long generated = 0;
		long generating = System.nanoTime();
		try (Connection connection = this.database.connect()) {
			for (int round = 0; generated < this.settings.catchUpEvents(); round++) {
				int take = (int) Math.min(devices.length, this.settings.catchUpEvents() - generated);
				String[] batch = java.util.Arrays.copyOf(devices, take);
				generated += Database.setAll(connection, "benchSeq", "catch-up-" + round, batch);
			}
		}
		double generateSeconds = (System.nanoTime() - generating) / 1e9;
		long target = awaitPublished(generated);
		double publishSeconds = (System.nanoTime() - generating) / 1e9;
		long starting = System.nanoTime();
		activityLog.start();
		// Catching up starts before the service reports healthy; on a busy machine its
		// start
		// alone can take minutes, so the wait is for the rows, bounded, and reported as
		// is.
		long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
		double healthySeconds = -1;
		// CPU is counted from the first rows written (after the JVM's start) to the
		// last.
		CpuAccount cpu = null;
		Map<String, Double> cpuBefore = Map.of();
		long sequenceAtFirstRows = 0;
		long audited;
		while (System.nanoTime() < deadline
				&& ((audited = this.database.auditedSequence()) < target || healthySeconds < 0)) {
			if (cpu == null && audited > auditedBefore) {
				cpu = new CpuAccount(this.stack);
				cpuBefore = cpu.snapshot();
				sequenceAtFirstRows = audited;
			}
			if (healthySeconds < 0 && activityLog.isHealthy()) {
				healthySeconds = (System.nanoTime() - starting) / 1e9;
			}
			Thread.sleep(200);
		}
		Map<String, Double> cpuAfter = (cpu != null) ? cpu.snapshot() : Map.of();
		double caughtUpSeconds = (System.nanoTime() - starting) / 1e9;
		long rows;
		double spanSeconds;
		long firstBatch;
		try (Connection connection = this.database.connect();
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT count(*), extract(epoch FROM max(recorded_at) - "
						+ "min(recorded_at)), count(*) FILTER (WHERE recorded_at = (SELECT min(recorded_at) FROM "
						+ "activity.activity_log WHERE sequence > " + auditedBefore + ")) FROM activity.activity_log "
						+ "WHERE sequence > " + auditedBefore)) {
			row.next();
			rows = row.getLong(1);
			spanSeconds = row.getDouble(2);
			firstBatch = row.getLong(3);
		}
		// From the first batch's commit to the last: the rows after the first, over that
		// span.
		double rate = (spanSeconds > 0.05) ? (rows - firstBatch) / spanSeconds : rows / caughtUpSeconds;
		this.results.detail("auditCatchUp",
				Map.of("events", generated, "generateSeconds", generateSeconds, "publishedAfterSeconds", publishSeconds,
						"rowsWritten", rows, "writingSeconds", spanSeconds, "startToHealthySeconds", healthySeconds,
						"startToCaughtUpSeconds", caughtUpSeconds, "caughtUp",
						this.database.auditedSequence() >= target));
		this.results.add(Row.of("5 audit", "catch-up: " + rows + " missed events written/s", rate, "rows/s")
			.ratio(copyRate)
			.target(String.format("≥ %.1f × COPY", Targets.CATCH_UP_COPY_RATIO),
					rate >= Targets.CATCH_UP_COPY_RATIO * copyRate && rows >= generated));
		this.results.add(Row.of("5 audit", "catch-up: restart to caught up (incl. JVM start)", caughtUpSeconds, "s"));
		if (cpu != null && target > sequenceAtFirstRows) {
			Map<String, Double> perRow = CpuAccount.perOperation(cpuBefore, cpuAfter, target - sequenceAtFirstRows);
			perRow.replaceAll((process, millis) -> millis * 1000);
			this.results.detail("auditCatchUpCpuMicrosPerRow", perRow);
			double own = perRow.get("activity-log") + perRow.get("event-publisher") + perRow.get(CpuAccount.POSTGRESQL);
			this.results.add(Row.of("5 audit", "catch-up: machine CPU per row (all processes)",
					perRow.get(CpuAccount.MACHINE), "µs"));
			this.results.add(Row.of("5 audit", "  of it activity-log + replay API + PostgreSQL", own, "µs"));
			this.results.add(Row.of("5 audit", "  of it the other consumers (the same events, live)",
					perRow.get("alexa-subscriber") + perRow.get("ifttt-subscriber") + perRow.get("dashboard-ws"),
					"µs"));
			int cores = Runtime.getRuntime().availableProcessors();
			this.results.add(
					Row.of("5 audit", "catch-up ceiling with the machine to itself (" + cores + " cores ÷ its own CPU)",
							(own > 0) ? cores * 1e6 / own : 0, "rows/s")
						.ratio(copyRate));
		}
	}

	/** Waits until the relay published everything recorded; returns that sequence. */
	private long awaitPublished(long generated) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		long pending = Long.MAX_VALUE;
		while (System.nanoTime() < deadline && pending > 0) {
			pending = this.database.queryLong("SELECT count(*) FROM publisher.events WHERE sequence IS NULL");
			Thread.sleep(100);
		}
		return this.database.publishedSequence();
	}

}
