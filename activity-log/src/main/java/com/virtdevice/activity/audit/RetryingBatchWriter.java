package com.virtdevice.activity.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

import com.virtdevice.events.DeviceStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Stores one batch, whatever it takes: a failure that may pass (database down, connection
 * lost) is retried with backoff until the batch commits; a batch the database refuses
 * outright is written one event at a time, so only the event at fault is left out, logged
 * with its {@code eventId} and counted. Used by the event stream's dispatcher thread
 * only.
 */
final class RetryingBatchWriter {

	private static final Logger log = LoggerFactory.getLogger(RetryingBatchWriter.class);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

	private final BatchStore store;

	private final ActivityWriterMetrics metrics;

	private final Duration maxBackoff;

	private volatile WriterStatus status = WriterStatus.INITIAL;

	RetryingBatchWriter(BatchStore store, ActivityWriterMetrics metrics, Duration maxBackoff) {
		this.store = store;
		this.metrics = metrics;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * Stores the batch.
	 * @param millisToGiveUp how long retrying may go on
	 * @return false if it gave up before the batch was stored
	 */
	boolean write(List<DeviceStateEvent> batch, LongSupplier millisToGiveUp) throws InterruptedException {
		for (int attempt = 1;; attempt++) {
			try {
				long started = System.nanoTime();
				BatchStore.Outcome outcome = this.store.store(batch);
				stored(batch, outcome, Duration.ofNanos(System.nanoTime() - started));
				return true;
			}
			catch (DataIntegrityViolationException ex) {
				return writeOneByOne(batch, ex, millisToGiveUp);
			}
			catch (RuntimeException ex) {
				failed(batch, attempt, ex);
				long left = millisToGiveUp.getAsLong();
				if (left <= 0) {
					return false;
				}
				Thread.sleep(Math.min(left, backoff(attempt)));
			}
		}
	}

	WriterStatus status() {
		return this.status;
	}

	/** Finds the event the database refuses, so that only it is left out. */
	private boolean writeOneByOne(List<DeviceStateEvent> batch, DataIntegrityViolationException ex,
			LongSupplier millisToGiveUp) throws InterruptedException {
		if (batch.size() == 1) {
			DeviceStateEvent event = batch.get(0);
			this.metrics.rejected();
			log.error("The database refuses event {} (sequence {}); it is left out of the audit trail: {}",
					event.eventId(), event.sequence(), ex.getMostSpecificCause().getMessage());
			return true;
		}
		log.warn("The database refused a batch of {} events ({}); writing them one at a time to find the event at "
				+ "fault", batch.size(), sequences(batch));
		for (DeviceStateEvent event : batch) {
			if (!write(List.of(event), millisToGiveUp)) {
				return false;
			}
		}
		return true;
	}

	private void stored(List<DeviceStateEvent> batch, BatchStore.Outcome outcome, Duration took) {
		Instant now = Instant.now();
		this.metrics.stored(batch, outcome, took, now);
		this.status = this.status.stored(new WriterStatus.LastBatch(batch.size(), outcome.inserted(),
				outcome.duplicates(), batch.get(batch.size() - 1).sequence(), now, took));
	}

	private void failed(List<DeviceStateEvent> batch, int attempt, RuntimeException ex) {
		this.metrics.failed();
		this.status = this.status.failing(Instant.now(), ex.getClass().getSimpleName());
		if (attempt == 1 || attempt % 10 == 0) {
			log.warn("Writing {} events ({}) failed (attempt {}); retrying: {}", batch.size(), sequences(batch),
					attempt, ex.getMessage());
		}
	}

	private long backoff(int attempt) {
		return Math.min(this.maxBackoff.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 16));
	}

	static String sequences(List<DeviceStateEvent> batch) {
		return "sequences " + batch.get(0).sequence() + "-" + batch.get(batch.size() - 1).sequence();
	}

}
