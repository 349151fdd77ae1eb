package com.virtdevice.ifttt.history;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.ifttt.IftttProperties;
import com.virtdevice.support.events.HubEventListener;
import com.virtdevice.support.events.StreamedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service's one {@link HubEventListener}: every event of the hub's stream
 * ({@code device:*:state} + {@code global:events}) is written to the history on the
 * stream's dispatcher thread, each batch the stream hands over in one transaction that
 * stores the property changes, forgets deleted devices, keeps the history bounded and
 * records the stream position — so after downtime the stream resumes from the replay API
 * exactly where the history ends. Only then are the new changes handed on (to the
 * Realtime notifier).
 * <p>
 * A database outage is retried with backoff until the database is back; the stream waits
 * meanwhile, and what Redis delivers beyond its queue is read back from the replay API by
 * the stream itself.
 */
@Component
public class HistoryWriter implements HubEventListener {

	private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);

	private static final long UNKNOWN = -1;

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final HistoryStore store;

	private final HistoryTransaction transaction;

	private final StoredChangesListener listener;

	private final IftttProperties.History properties;

	private final HistoryMetrics metrics;

	private volatile long position = UNKNOWN;

	HistoryWriter(HistoryStore store, TransactionTemplate transactions, StoredChangesListener listener,
			IftttProperties properties, MeterRegistry registry) {
		this.store = store;
		this.transaction = new HistoryTransaction(store, transactions, properties.history());
		this.listener = listener;
		this.properties = properties.history();
		this.metrics = new HistoryMetrics(registry, () -> this.position);
	}

	@Override
	public StreamChannels channels() {
		return StreamChannels.DEVICES_AND_GLOBAL;
	}

	@Override
	public OptionalLong lastHandledSequence() {
		OptionalLong stored = storedPosition();
		if (stored.isPresent()) {
			this.position = stored.getAsLong();
			return stored;
		}
		if (this.properties.startFromOldest()) {
			this.position = 0;
			return OptionalLong.of(0);
		}
		return OptionalLong.empty();
	}

	/**
	 * Writes the events, at most {@code batch-size} per transaction, retrying while the
	 * database is unavailable. Interrupted (the service is stopping), it stops at once:
	 * the next start resumes after the stored position.
	 */
	@Override
	public void onEvents(List<StreamedEvent> events) {
		List<DeviceStateEvent> all = events.stream().map(StreamedEvent::event).toList();
		int size = this.properties.batchSize();
		for (int from = 0; from < all.size(); from += size) {
			try {
				writeUntilDone(all.subList(from, Math.min(all.size(), from + size)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				log.info("Stopping before events from sequence {} were written; the next start reads them again",
						all.get(from).sequence());
				return;
			}
		}
	}

	/** Sequence of the last event written, or -1 before the first. */
	public long position() {
		return this.position;
	}

	/**
	 * Writes the batch, retrying while the database is unavailable. Writing again what
	 * was partly written is harmless: known {@code eventId}s are skipped.
	 */
	private void writeUntilDone(List<DeviceStateEvent> batch) throws InterruptedException {
		for (int failures = 1;; failures++) {
			try {
				try {
					write(batch);
				}
				catch (DataIntegrityViolationException ex) {
					writeOneByOne(batch, ex);
				}
				return;
			}
			catch (DataAccessException | TransactionException ex) {
				this.metrics.writeFailed();
				long wait = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(failures - 1, 10));
				if (failures == 1 || failures % 10 == 0) {
					log.warn("Cannot write {} event(s) to the history yet (attempt {}), retrying in {} ms: {}",
							batch.size(), failures, wait, ex.getMessage());
				}
				Thread.sleep(wait);
			}
		}
	}

	private void write(List<DeviceStateEvent> events) {
		List<DeviceStateEvent> inserted = this.transaction.write(events);
		this.position = events.get(events.size() - 1).sequence();
		handOn(inserted, HistoryTransaction.changes(events).size());
	}

	/**
	 * A batch broke a constraint, which retrying will not fix: write its events one at a
	 * time so that only the offending one is skipped.
	 */
	private void writeOneByOne(List<DeviceStateEvent> events, DataIntegrityViolationException cause) {
		log.warn("Writing a batch of {} event(s) failed ({}); writing them one at a time", events.size(),
				cause.getMessage());
		for (DeviceStateEvent event : events) {
			try {
				write(List.of(event));
			}
			catch (DataIntegrityViolationException ex) {
				this.metrics.skipped();
				this.position = event.sequence();
				log.error("Event {} (sequence {}) cannot be stored and is skipped", event.eventId(), event.sequence(),
						ex);
			}
		}
	}

	private void handOn(List<DeviceStateEvent> inserted, int changeCount) {
		this.metrics.stored(inserted.size(), changeCount - inserted.size());
		if (inserted.isEmpty()) {
			return;
		}
		try {
			this.listener.stored(inserted);
		}
		catch (RuntimeException ex) {
			log.error("Handing on {} stored change(s) failed; IFTTT will see them at its next poll", inserted.size(),
					ex);
		}
	}

	private OptionalLong storedPosition() {
		for (int failures = 1; !Thread.currentThread().isInterrupted(); failures++) {
			try {
				return this.store.position();
			}
			catch (DataAccessException ex) {
				long wait = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(failures - 1, 10));
				log.warn("Cannot read the stream position yet (attempt {}), retrying in {} ms: {}", failures, wait,
						ex.getMessage());
				try {
					Thread.sleep(wait);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}
		return OptionalLong.empty();
	}

}
