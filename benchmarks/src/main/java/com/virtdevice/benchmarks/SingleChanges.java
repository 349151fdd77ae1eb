package com.virtdevice.benchmarks;

import java.util.List;
import java.util.Map;

import com.virtdevice.benchmarks.PutLoad.Target;
import com.virtdevice.benchmarks.Results.Row;
import org.jspecify.annotations.Nullable;

/**
 * A single change on an idle hub: one PUT at a time, each to another user's light, timed
 * from just before the PUT is sent until its owner's STOMP session receives the frame;
 * the next PUT waits for that frame and a pause, so no change queues behind another.
 */
final class SingleChanges {

	private static final long FRAME_TIMEOUT_NANOS = 5_000_000_000L;

	private final HubClient hub;

	private final List<Target> lights;

	private final Settings settings;

	private final Results results;

	SingleChanges(HubClient hub, List<Target> lights, Settings settings, Results results) {
		this.hub = hub;
		this.lights = lights;
		this.settings = settings;
		this.results = results;
	}

	void run(Sessions sessions) throws InterruptedException {
		int changes = this.settings.singleChanges();
		Latencies toFrame = new Latencies();
		Latencies toAnswer = new Latencies();
		long missing = 0;
		sessions.recordArrivals(true);
		try (LeanHttp connection = this.hub.publisherConnection()) {
			for (int i = 0; i < changes; i++) {
				Target light = this.lights.get(i % this.lights.size());
				long sent = System.nanoTime();
				LeanHttp.Answer answer = this.hub.put(connection, light.token(), light.device(), "brightness",
						light.nextBrightness());
				toAnswer.record(System.nanoTime() - sent);
				@Nullable Long arrived = awaitFrame(sessions.arrivals(), HubClient.eventId(answer.body()));
				if (arrived == null) {
					missing++;
				}
				else {
					toFrame.record(arrived - sent);
				}
				Thread.sleep(this.settings.singleChangeSpacing().toMillis());
			}
		}
		sessions.recordArrivals(false);
		Map<String, Double> frame = toFrame.summary();
		this.results.detail("singleChanges", Map.of("changes", changes, "framesMissing", missing, "toFrame", frame,
				"toPutAnswer", toAnswer.summary()));
		String of = changes + " single changes on an idle hub";
		this.results.add(Row.of("3 end to end", "REST → STOMP median, " + of, frame.get("p50Ms"), "ms")
			.target(String.format("≤ %.0f ms", Targets.IDLE_MEDIAN_MS),
					missing == 0 && frame.get("p50Ms") <= Targets.IDLE_MEDIAN_MS));
		this.results.add(Row.of("3 end to end", "REST → STOMP p99, " + of, frame.get("p99Ms"), "ms"));
		this.results.add(
				Row.of("3 end to end", "  of it until the PUT answered (median)", toAnswer.percentileMillis(50), "ms"));
		this.results.add(Row.of("3 end to end", "frames missing, " + of, missing, "frames"));
	}

	/**
	 * The frame's arrival, looked for every millisecond (at most 5 s).
	 */
	private static @Nullable Long awaitFrame(Map<String, Long> arrivals, String eventId) throws InterruptedException {
		long deadline = System.nanoTime() + FRAME_TIMEOUT_NANOS;
		@Nullable Long arrived = arrivals.get(eventId);
		while (arrived == null && System.nanoTime() < deadline) {
			Thread.sleep(1);
			arrived = arrivals.get(eventId);
		}
		return arrived;
	}

}
