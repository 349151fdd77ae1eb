package com.virtdevice.ifttt.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers batches to the Realtime API: 2xx is done; 4xx is logged and counted, never
 * retried; 5xx, 429 and network errors are retried with backoff up to {@code maxAttempts}
 * times, keeping the batch's {@code X-Request-ID}. Retries wait on the scheduler, not in
 * a sleeping thread, and at most {@code maxPendingBatches} wait at once. A notification
 * that never arrives only delays the events until IFTTT's next regular poll, which always
 * returns them.
 */
final class RealtimeDelivery {

	private static final Logger log = LoggerFactory.getLogger(RealtimeDelivery.class);

	private final RealtimeClient client;

	private final ScheduledExecutorService scheduler;

	private final Backoff backoff;

	private final int maxAttempts;

	private final int maxPendingBatches;

	private final JsonMapper json;

	private final RealtimeMetrics metrics;

	private final AtomicInteger waiting = new AtomicInteger();

	RealtimeDelivery(RealtimeClient client, ScheduledExecutorService scheduler, Backoff backoff, int maxAttempts,
			int maxPendingBatches, JsonMapper json, RealtimeMetrics metrics) {
		this.client = client;
		this.scheduler = scheduler;
		this.backoff = backoff;
		this.maxAttempts = maxAttempts;
		this.maxPendingBatches = maxPendingBatches;
		this.json = json;
		this.metrics = metrics;
	}

	/** Sends a batch now, on the calling (scheduler) thread. */
	void send(List<Notification> batch) {
		byte[] body = this.json.writeValueAsBytes(Map.of("data", batch.stream().map(Notification::toJson).toList()));
		attempt(new Batch(batch, body, UUID.randomUUID().toString()), 1);
	}

	/** Batches waiting for a retry. */
	int waiting() {
		return this.waiting.get();
	}

	private void attempt(Batch batch, int attempt) {
		Outcome outcome = this.client.post(batch.body(), batch.requestId());
		if (outcome.succeeded()) {
			this.metrics.delivered(batch.entries());
			log.debug("IFTTT accepted {} notification(s) (request {})", batch.entries().size(), batch.requestId());
			return;
		}
		this.metrics.attemptFailed(outcome);
		if (!outcome.retryable()) {
			this.metrics.batch(RealtimeMetrics.BatchOutcome.REJECTED);
			log.warn("IFTTT rejected {} notification(s) with HTTP {} (request {}); not retrying: {}",
					batch.entries().size(), outcome.status(), batch.requestId(), outcome.detail());
		}
		else if (attempt >= this.maxAttempts) {
			this.metrics.batch(RealtimeMetrics.BatchOutcome.FAILED);
			log.error("Giving up on {} notification(s) after {} attempts (request {}), last: {} {}",
					batch.entries().size(), attempt, batch.requestId(), outcome.status(), outcome.detail());
		}
		else {
			retryLater(batch, attempt, outcome);
		}
	}

	private void retryLater(Batch batch, int attempt, Outcome outcome) {
		if (this.waiting.incrementAndGet() > this.maxPendingBatches) {
			this.waiting.decrementAndGet();
			this.metrics.batch(RealtimeMetrics.BatchOutcome.DROPPED);
			log.error("Dropping {} notification(s) (request {}): {} batches already wait for a retry",
					batch.entries().size(), batch.requestId(), this.maxPendingBatches);
			return;
		}
		Duration delay = this.backoff.delay(attempt, outcome.retryAfter());
		log.warn("Realtime API answered {} for request {} (attempt {} of {}); retrying in {} ms",
				(outcome.status() == 0) ? outcome.detail() : "HTTP " + outcome.status(), batch.requestId(), attempt,
				this.maxAttempts, delay.toMillis());
		try {
			this.scheduler.schedule(() -> {
				this.waiting.decrementAndGet();
				this.metrics.retried();
				attempt(batch, attempt + 1);
			}, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			this.waiting.decrementAndGet();
			log.info("Not retrying request {}: shutting down", batch.requestId());
		}
	}

	private record Batch(List<Notification> entries, byte[] body, String requestId) {

	}

}
