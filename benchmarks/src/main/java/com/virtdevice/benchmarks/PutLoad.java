package com.virtdevice.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Property PUTs against the publisher, closed loop (each client sends its next request
 * when the last one answered) or open loop (requests at fixed scheduled times, latency
 * counted from the scheduled time, so a slow answer delays the measurement, not the
 * schedule).
 */
final class PutLoad {

	private final HubClient hub;

	private final List<Target> targets;

	PutLoad(HubClient hub, List<Target> targets) {
		this.hub = hub;
		this.targets = targets;
	}

	/** {@code clients} threads, each PUTting to its own devices as fast as answered. */
	Outcome closedLoop(int clients, Duration duration) throws InterruptedException {
		Latencies latencies = new Latencies();
		LongAdder ok = new LongAdder();
		LongAdder failed = new LongAdder();
		AtomicLong round = new AtomicLong(System.nanoTime());
		long nanos = Baselines.runThreads(clients, duration, (index, until) -> {
			long n = round.get() & 0xffff;
			try (LeanHttp connection = this.hub.publisherConnection()) {
				while (System.nanoTime() < until) {
					Target target = this.targets.get((int) ((index + n * clients) % this.targets.size()));
					long start = System.nanoTime();
					n++;
					LeanHttp.Answer answer = this.hub.put(connection, target.token(), target.device(), "brightness",
							target.nextBrightness());
					latencies.record(System.nanoTime() - start);
					((answer.status() == 200) ? ok : failed).increment();
				}
			}
		});
		return new Outcome(ok.sum() / (nanos / 1e9), ok.sum(), failed.sum(), latencies, Map.of());
	}

	/**
	 * {@code clients} threads GETting the publisher's path as fast as answered: the floor
	 * under any request the same HTTP client and server stack can serve.
	 */
	Outcome closedLoopGet(String path, int clients, Duration duration) throws InterruptedException {
		Latencies latencies = new Latencies();
		LongAdder ok = new LongAdder();
		LongAdder failed = new LongAdder();
		long nanos = Baselines.runThreads(clients, duration, (index, until) -> {
			try (LeanHttp connection = this.hub.publisherConnection()) {
				while (System.nanoTime() < until) {
					long start = System.nanoTime();
					int status = connection.send("GET", path, null, null).status();
					latencies.record(System.nanoTime() - start);
					((status == 200) ? ok : failed).increment();
				}
			}
		});
		return new Outcome(ok.sum() / (nanos / 1e9), ok.sum(), failed.sum(), latencies, Map.of());
	}

	/**
	 * {@code rate} PUTs a second for {@code duration}, sent by a pool of workers that
	 * each take the next scheduled slot. Returns, per event id, the scheduled send time.
	 */
	Outcome openLoop(int rate, Duration duration, int workers) throws InterruptedException {
		Latencies latencies = new Latencies();
		LongAdder ok = new LongAdder();
		LongAdder failed = new LongAdder();
		Map<String, Long> scheduled = new ConcurrentHashMap<>();
		long slots = rate * duration.toMillis() / 1000;
		double interval = 1e9 / rate;
		AtomicLong next = new AtomicLong();
		long origin = System.nanoTime() + 50_000_000L;
		int devices = this.targets.size();
		// Slots still unsent 2 s after the schedule's end are dropped: a write path
		// slower
		// than the offered rate shows as a lower achieved rate, not as a run that never
		// ends.
		long nanos = Baselines.runThreads(workers, duration.plusSeconds(2), (index, until) -> {
			try (LeanHttp connection = this.hub.publisherConnection()) {
				for (long slot = next.getAndIncrement(); slot < slots; slot = next.getAndIncrement()) {
					long due = origin + (long) (slot * interval);
					if (System.nanoTime() > until) {
						break;
					}
					long wait = due - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
					Target target = this.targets.get((int) (slot % devices));
					LeanHttp.Answer answer = this.hub.put(connection, target.token(), target.device(), "brightness",
							target.nextBrightness());
					long answered = System.nanoTime();
					latencies.record(answered - due);
					String eventId = HubClient.eventId(answer.body());
					// An answer without an event (the value was already set) made no
					// frame: counted as failed, not as a frame missing.
					if (answer.status() == 200 && !eventId.isEmpty()) {
						ok.increment();
						scheduled.put(eventId, due);
					}
					else {
						failed.increment();
					}
					if (answered > until) {
						break;
					}
				}
			}
		});
		double seconds = Math.max(duration.toNanos(), nanos - 50_000_000L) / 1e9;
		return new Outcome(ok.sum() / seconds, ok.sum(), failed.sum(), latencies, scheduled);
	}

	/**
	 * A device, its owner's token, and the brightness last sent to it: each PUT sends the
	 * next value, so every PUT is a change and makes an event (a PUT of the value already
	 * set records nothing).
	 */
	record Target(String device, String token, AtomicInteger brightness) {

		Target(String device, String token) {
			this(device, token, new AtomicInteger());
		}

		String nextBrightness() {
			return Integer.toString(this.brightness.incrementAndGet() % 100);
		}

	}

	/**
	 * @param perSecond answered 200s per second
	 * @param ok how many answered 200
	 * @param failed how many did not
	 * @param latencies request latency (open loop: from the scheduled time)
	 * @param scheduled open loop: scheduled send time per event id
	 */
	record Outcome(double perSecond, long ok, long failed, Latencies latencies, Map<String, Long> scheduled) {
	}

}
