package com.virtdevice.ifttt.realtime;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The Realtime notifications' meters, {@code virtdevice.ifttt.realtime.*}, and the recent
 * state the health endpoint shows.
 */
final class RealtimeMetrics {

	private final MeterRegistry registry;

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	private final AtomicReference<@Nullable Instant> lastDelivered = new AtomicReference<>();

	private final AtomicReference<@Nullable String> lastFailure = new AtomicReference<>();

	RealtimeMetrics(MeterRegistry registry, Supplier<Number> pendingEntries, Supplier<Number> waitingRetries) {
		this.registry = registry;
		Gauge.builder("virtdevice.ifttt.realtime.pending", pendingEntries)
			.description("Notifications waiting for their batch window to close")
			.register(registry);
		Gauge.builder("virtdevice.ifttt.realtime.retrying", waitingRetries)
			.description("Batches waiting for a retry")
			.register(registry);
	}

	/** A batch IFTTT accepted; counts its entries by kind. */
	void delivered(List<Notification> batch) {
		for (Notification.Kind kind : Notification.Kind.values()) {
			long count = batch.stream().filter((notification) -> notification.kind() == kind).count();
			Counter.builder("virtdevice.ifttt.realtime.notified")
				.description("Entries IFTTT accepted, by kind")
				.tag("kind", kind.field())
				.register(this.registry)
				.increment(count);
		}
		batch("delivered");
		this.consecutiveFailures.set(0);
		this.lastDelivered.set(Instant.now());
	}

	/** One attempt that did not succeed. */
	void attemptFailed(Outcome outcome) {
		Counter.builder("virtdevice.ifttt.realtime.failures")
			.description("Failed attempts to send a batch, by reason")
			.tag("reason", outcome.reason())
			.register(this.registry)
			.increment();
		this.consecutiveFailures.incrementAndGet();
		this.lastFailure
			.set(Instant.now() + " " + ((outcome.status() == 0) ? "no answer" : "HTTP " + outcome.status()));
	}

	void retried() {
		this.registry.counter("virtdevice.ifttt.realtime.retries").increment();
	}

	/**
	 * A batch that ended without success: {@code rejected} (4xx), {@code failed}
	 * (attempts exhausted) or {@code dropped} (too many waiting for a retry).
	 */
	void batch(String outcome) {
		Counter.builder("virtdevice.ifttt.realtime.batches")
			.description("Batches sent, by how they ended")
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	int consecutiveFailures() {
		return this.consecutiveFailures.get();
	}

	@Nullable Instant lastDelivered() {
		return this.lastDelivered.get();
	}

	@Nullable String lastFailure() {
		return this.lastFailure.get();
	}

}
