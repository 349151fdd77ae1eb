package com.virtdevice.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.virtdevice.benchmarks.Benchmarks.World;
import com.virtdevice.benchmarks.Results.Row;
import com.virtdevice.localstack.LocalStack;
import org.jspecify.annotations.Nullable;

/**
 * REST changes with 100 dashboard sessions listening: single changes on an idle hub, then
 * open-loop end-to-end latency (REST change → STOMP frame, from the scheduled send time)
 * at a fixed low rate and at half the rate the write path sustained in this run (with how
 * far each consumer is behind when it ends), what Alexa and IFTTT deliveries add, the
 * audit log's live ingest, and the output-buffer run at 2 × the 1,000/s load.
 */
final class LiveLoad {

	private final LocalStack stack;

	private final Database database;

	private final World world;

	private final DispatchFakes fakes;

	private final Settings settings;

	private final Results results;

	private final HubClient hub;

	private final PutLoad load;

	LiveLoad(LocalStack stack, HubClient hub, Database database, World world, DispatchFakes fakes, Settings settings,
			Results results) {
		this.stack = stack;
		this.database = database;
		this.world = world;
		this.fakes = fakes;
		this.settings = settings;
		this.results = results;
		this.hub = hub;
		this.load = new PutLoad(hub, world.lights());
	}

	void run() throws Exception {
		Benchmarks.section("3. End to end (" + this.world.userTokens().size() + " STOMP sessions)");
		try (Sessions sessions = new Sessions(2);
				ConsumerProgress consumers = new ConsumerProgress(this.stack, this.hub.http(), this.database)) {
			sessions.open(this.stack.url("dashboard-ws"), this.world.userTokens(), 50);
			Benchmarks.awaitQuietMachine(this.settings.quietWait(Duration.ofSeconds(60)));
			new SingleChanges(this.hub, this.world.lights(), this.settings, this.results).run(sessions);
			int low = this.settings.endToEndRate();
			endToEnd(sessions, low, true, null);
			// Half the highest rate the write path sustained in this run (closed loop).
			double highest = this.settings.writeClients()
				.stream()
				.mapToDouble((clients) -> this.results.number("writePathRate" + clients))
				.max()
				.orElse(0);
			this.results.detail("halfSustainedRateOf", highest);
			endToEnd(sessions, (int) Math.max(5, highest / 2), false, consumers);
			overload(sessions);
		}
	}

	/**
	 * One open-loop run. The low rate is judged on p50 and p99; the half-sustained one
	 * ({@code consumers} given) on p99 and on how far each consumer is behind when it
	 * ends.
	 */
	private void endToEnd(Sessions sessions, int rate, boolean low, @Nullable ConsumerProgress consumers)
			throws Exception {
		this.load.openLoop(rate, this.settings.warmUp(), workers(rate));
		awaitQuiet(sessions);
		sessions.recordArrivals(true);
		long alexaBefore = this.fakes.alexaReports.sum();
		long iftttBefore = this.fakes.iftttEntries.sum();
		long iftttRequestsBefore = this.fakes.iftttRequests.sum();
		long auditBefore = this.database.auditedSequence();
		long startedAt = System.nanoTime();
		PutLoad.Outcome outcome = this.load.openLoop(rate, this.settings.endToEnd(), workers(rate));
		long endedAt = System.nanoTime();
		double seconds = (endedAt - startedAt) / 1e9;
		Map<String, Double> behind = Map.of();
		if (consumers != null) {
			// From the last PUT's answer until each consumer handled the last change.
			long last = consumers.lastChange();
			behind = consumers.secondsToReach(last, endedAt, Duration.ofSeconds(30));
		}
		// Every sent change's frame, however late (at most 30 s more): a short quiet
		// spell is not the end when the pipeline's latency is longer than that spell.
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!sessions.arrivals().keySet().containsAll(outcome.scheduled().keySet())
				&& System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		Latencies endToEnd = new Latencies();
		long missing = 0;
		Map<String, Long> arrivals = sessions.arrivals();
		for (Map.Entry<String, Long> sent : outcome.scheduled().entrySet()) {
			Long arrived = arrivals.get(sent.getKey());
			if (arrived == null) {
				missing++;
			}
			else {
				endToEnd.record(arrived - sent.getValue());
			}
		}
		sessions.recordArrivals(false);
		Map<String, Double> latency = endToEnd.summary();
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("offeredPerSecond", rate);
		detail.put("achievedPerSecond", outcome.perSecond());
		detail.put("ok", outcome.ok());
		detail.put("failed", outcome.failed());
		detail.put("framesMissing", missing);
		detail.put("endToEnd", latency);
		detail.put("restFromScheduled", outcome.latencies().summary());
		detail.put("consumersCaughtUpSeconds", behind);
		this.results.detail(low ? "endToEnd" + rate : "endToEndAtHalfTheWritePath", detail);
		String at = "at " + rate + "/s";
		if (!low) {
			double highest = this.results.number("halfSustainedRateOf");
			at += " (half the write path's " + Math.round(highest) + "/s"
					+ ((highest / 2 < rate) ? ", at least 5/s" : "") + ")";
		}
		this.results
			.add(Row.of("3 end to end", "changes/s achieved " + at + " (open loop)", outcome.perSecond(), "change/s"));
		// A latency counts only if the rate was sustained and every frame arrived.
		boolean complete = outcome.perSecond() >= 0.95 * rate && outcome.failed() == 0 && missing == 0;
		Row p50 = Row.of("3 end to end", "REST → STOMP p50 " + at, latency.get("p50Ms"), "ms");
		Row p99 = Row.of("3 end to end", "REST → STOMP p99 " + at, latency.get("p99Ms"), "ms");
		if (low) {
			p50 = p50.target(String.format("≤ %.0f ms", Targets.LOW_RATE_P50_MS),
					complete && latency.get("p50Ms") <= Targets.LOW_RATE_P50_MS);
			p99 = p99.target(String.format("≤ %.0f ms", Targets.LOW_RATE_P99_MS),
					complete && latency.get("p99Ms") <= Targets.LOW_RATE_P99_MS);
		}
		else {
			p99 = p99.target(String.format("≤ %.0f ms", Targets.HALF_RATE_P99_MS),
					complete && latency.get("p99Ms") <= Targets.HALF_RATE_P99_MS);
		}
		this.results.add(p50);
		this.results.add(p99);
		this.results.add(Row.of("3 end to end", "REST → STOMP p99.9 " + at, latency.get("p999Ms"), "ms"));
		this.results.add(Row.of("3 end to end", "frames missing " + at, missing, "frames"));
		behind
			.forEach((consumer,
					behindSeconds) -> this.results.add(Row
						.of("3 end to end",
								consumer + " behind when the run ended"
										+ ((behindSeconds < 0) ? " (not caught up)" : ""),
								Math.max(0, behindSeconds), "s")
						.target(String.format("≤ %.0f s", Targets.CONSUMER_BEHIND_SECONDS),
								behindSeconds >= 0 && behindSeconds <= Targets.CONSUMER_BEHIND_SECONDS)));
		if (low) {
			Benchmarks.section("6. Dispatch (fakes answer in 20 ms), during the " + rate + "/s run");
			this.results.add(Row.of("6 dispatch", "Alexa ChangeReports delivered/s",
					(this.fakes.alexaReports.sum() - alexaBefore) / seconds, "report/s"));
			this.results.add(Row.of("6 dispatch", "Alexa change → report received p50",
					this.fakes.alexaDelay.percentileMillis(50), "ms"));
			this.results.add(Row.of("6 dispatch", "Alexa change → report received p99",
					this.fakes.alexaDelay.percentileMillis(99), "ms"));
			this.results.add(Row.of("6 dispatch", "IFTTT notification entries delivered/s",
					(this.fakes.iftttEntries.sum() - iftttBefore) / seconds, "entry/s"));
			this.results.add(Row.of("6 dispatch", "IFTTT Realtime requests/s",
					(this.fakes.iftttRequests.sum() - iftttRequestsBefore) / seconds, "req/s"));
			this.results.add(Row.of("6 dispatch", "STOMP p99 with both dispatchers busy (same run)",
					latency.get("p99Ms"), "ms"));
			Benchmarks.section("5. Audit ingest, live, during the " + rate + "/s run");
			this.results.add(Row.of("5 audit", "audit rows written/s live at " + rate + "/s",
					(this.database.auditedSequence() - auditBefore) / seconds, "rows/s"));
		}
	}

	/** 2 × the 1,000/s load: does Redis drop any of the hub's subscribers? */
	private void overload(Sessions sessions) throws Exception {
		int rate = this.settings.overloadRate();
		Benchmarks
			.section("Redis output buffers: " + rate + " changes/s for " + this.settings.overload().toSeconds() + " s");
		try (RedisSubscribers redis = new RedisSubscribers(this.stack.redisUrl())) {
			Set<String> before = redis.subscribers().keySet();
			String rejectedBefore = redis.info("stats", "client_output_buffer_limit_disconnections");
			ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
			sampler.scheduleAtFixedRate(redis::sample, 0, 200, TimeUnit.MILLISECONDS);
			long auditBefore = this.database.auditedSequence();
			long closedBefore = sessions.closed();
			long startedAt = System.nanoTime();
			PutLoad.Outcome outcome = this.load.openLoop(rate, this.settings.overload(), workers(rate));
			double seconds = (System.nanoTime() - startedAt) / 1e9;
			long auditLagAtEnd = this.database.publishedSequence() - this.database.auditedSequence();
			double auditRate = (this.database.auditedSequence() - auditBefore) / seconds;
			sampler.shutdownNow();
			awaitQuiet(sessions);
			Set<String> after = redis.subscribers().keySet();
			long dropped = before.stream().filter((id) -> !after.contains(id)).count();
			this.results.detail("overload",
					Map.of("offeredPerSecond", rate, "achievedPerSecond", outcome.perSecond(), "subscribersBefore",
							before.size(), "subscribersAfter", after.size(), "peakOutputBufferBytes",
							redis.peakOutputBytes(), "redisOutputBufferDisconnections",
							rejectedBefore + " → " + redis.info("stats", "client_output_buffer_limit_disconnections"),
							"stompSessionsClosed", sessions.closed() - closedBefore, "auditLagAtEnd", auditLagAtEnd));
			this.results.add(
					Row.of("overload", "changes/s achieved (offered " + rate + "/s)", outcome.perSecond(), "change/s"));
			this.results
				.add(Row.of("overload", "Redis subscribers disconnected (of " + before.size() + ")", dropped, "clients")
					.target("0", dropped == 0));
			this.results
				.add(Row.of("overload", "peak subscriber output buffer", redis.peakOutputBytes() / 1024.0, "KiB"));
			this.results
				.add(Row.of("5 audit", "audit rows written/s live at " + rate + "/s offered", auditRate, "rows/s"));
			this.results.add(Row.of("5 audit", "audit lag at the end of the run", auditLagAtEnd, "events"));
		}
	}

	/** Waits until no frame arrived for half a second (at most 30 s). */
	private static void awaitQuiet(Sessions sessions) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		long last = -1;
		while (System.nanoTime() < deadline) {
			long now = sessions.frames();
			if (now == last) {
				return;
			}
			last = now;
			Thread.sleep(500);
		}
	}

	private static int workers(int rate) {
		return Math.max(8, Math.min(128, rate / 25));
	}

}
