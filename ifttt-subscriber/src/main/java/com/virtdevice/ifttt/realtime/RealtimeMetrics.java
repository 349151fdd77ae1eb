package com.virtdevice.ifttt.realtime;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The Realtime notifications' meters, {@code virtdevice.ifttt.realtime.*}, registered up
 * front so that dashboards and alerts see zeros rather than nothing, and the recent state
 * the health endpoint shows.
 */
final class RealtimeMetrics {

	/** How a batch ended. */
	enum BatchOutcome {

		/** IFTTT answered 2xx. */
		DELIVERED,
		/** IFTTT answered 4xx (other than 429): not retried. */
		REJECTED,
		/** Every attempt failed. */
		FAILED,
		/** Not retried because too many batches already waited for a retry. */
		DROPPED

	}

	private final Map<Notification.Kind, Counter> notified = new EnumMap<>(Notification.Kind.class);

	private final Map<BatchOutcome, Counter> batches = new EnumMap<>(BatchOutcome.class);

	private final Map<String, Counter> failures;

	private final Counter retries;

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	private final AtomicReference<@Nullable Instant> lastDelivered = new AtomicReference<>();

	private final AtomicReference<@Nullable String> lastFailure = new AtomicReference<>();

	RealtimeMetrics(MeterRegistry registry, Supplier<Number> pendingEntries, Supplier<Number> waitingRetries) {
		for (Notification.Kind kind : Notification.Kind.values()) {
			this.notified.put(kind,
					Counter.builder("virtdevice.ifttt.realtime.notified")
						.description("Notification entries IFTTT accepted, by kind")
						.tag("kind", kind.field())
						.register(registry));
		}
		for (BatchOutcome outcome : BatchOutcome.values()) {
			this.batches.put(outcome,
					Counter.builder("virtdevice.ifttt.realtime.batches")
						.description("Realtime API batches, by how they ended")
						.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
						.register(registry));
		}
		this.failures = Stream.of("network", "server_error", "client_error")
			.collect(Collectors.toMap(Function.identity(),
					(reason) -> Counter.builder("virtdevice.ifttt.realtime.failures")
						.description("Failed attempts to send a batch, by reason")
						.tag("reason", reason)
						.register(registry)));
		this.retries = Counter.builder("virtdevice.ifttt.realtime.retries")
			.description("Attempts that repeated a failed one")
			.register(registry);
		Gauge.builder("virtdevice.ifttt.realtime.pending", pendingEntries)
			.description("Notifications waiting for their batch window to close")
			.register(registry);
		Gauge.builder("virtdevice.ifttt.realtime.retrying", waitingRetries)
			.description("Batches waiting for a retry")
			.register(registry);
	}

	/** A batch IFTTT accepted; counts its entries by kind. */
	void delivered(List<Notification> batch) {
		batch.forEach((notification) -> this.notified.get(notification.kind()).increment());
		this.batches.get(BatchOutcome.DELIVERED).increment();
		this.consecutiveFailures.set(0);
		this.lastDelivered.set(Instant.now());
	}

	/** One attempt that did not succeed. */
	void attemptFailed(Outcome outcome) {
		this.failures.get(outcome.reason()).increment();
		this.consecutiveFailures.incrementAndGet();
		this.lastFailure
			.set(Instant.now() + " " + ((outcome.status() == 0) ? "no answer" : "HTTP " + outcome.status()));
	}

	void retried() {
		this.retries.increment();
	}

	/** A batch that ended without success. */
	void batch(BatchOutcome outcome) {
		this.batches.get(outcome).increment();
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
