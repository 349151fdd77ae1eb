package com.virtdevice.activity.audit;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.support.events.HubEventListener;
import com.virtdevice.support.events.StreamedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

/**
 * The service's one event subscription ({@code device:*:state} and {@code global:events},
 * which together carry every event once) and its write path: each batch the stream hands
 * over becomes rows in one transaction, written on the stream's dispatcher thread. A busy
 * stream hands over bigger batches, so the writes batch themselves with no timer and no
 * second queue. While the database cannot take a batch, the write is retried and the
 * stream waits; Redis messages meanwhile queue in the stream and, past its capacity, are
 * read back from the replay API — nothing is dropped. The stream resumes after the
 * highest stored sequence, so events missed while the service was down come from the
 * replay API first.
 */
final class AuditEventListener implements HubEventListener {

	private static final Logger log = LoggerFactory.getLogger(AuditEventListener.class);

	private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(10);

	private final RetryingBatchWriter writer;

	private final BatchStore store;

	private final int batchSize;

	AuditEventListener(RetryingBatchWriter writer, BatchStore store, int batchSize) {
		this.writer = writer;
		this.store = store;
		this.batchSize = batchSize;
	}

	@Override
	public StreamChannels channels() {
		return StreamChannels.DEVICES_AND_GLOBAL;
	}

	/**
	 * The highest stored sequence, or 0 on an empty table so that a fresh install imports
	 * what the publisher retains. Waits for the database rather than fail: a failure here
	 * would stop the event stream.
	 */
	@Override
	public OptionalLong lastHandledSequence() {
		for (int attempt = 1;; attempt++) {
			try {
				return this.store.lastStoredSequence();
			}
			catch (DataAccessException ex) {
				log.warn("Cannot read where the audit trail left off (attempt {}); retrying: {}", attempt,
						ex.getMessage());
				try {
					Thread.sleep(Math.min(MAX_RETRY_PAUSE.toMillis(), 500L * attempt));
				}
				catch (InterruptedException interrupted) {
					// Stopping: the stream's dispatcher exits without delivering
					// anything.
					Thread.currentThread().interrupt();
					return OptionalLong.empty();
				}
			}
		}
	}

	/**
	 * Stores the events, at most {@code batch-size} rows per transaction, retrying until
	 * they are stored. Interrupted (the service is stopping), it stops at once: what is
	 * not stored is read again from the replay API at the next start.
	 */
	@Override
	public void onEvents(List<StreamedEvent> events) {
		List<DeviceStateEvent> all = events.stream().map(StreamedEvent::event).toList();
		for (int from = 0; from < all.size(); from += this.batchSize) {
			List<DeviceStateEvent> batch = all.subList(from, Math.min(all.size(), from + this.batchSize));
			try {
				this.writer.write(batch, () -> Long.MAX_VALUE);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				log.info("Stopping before events from sequence {} were stored; the next start reads them again",
						batch.get(0).sequence());
				return;
			}
		}
	}

}
