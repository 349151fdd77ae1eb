package com.virtdevice.ifttt.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.ifttt.IftttProperties;
import com.virtdevice.support.events.HubEventListener;
import com.virtdevice.support.events.ReplaySource;
import com.virtdevice.support.events.ReplayUnavailable;
import com.virtdevice.support.events.StreamedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service's one {@link HubEventListener}: every event of the hub's stream
 * ({@code device:*:state} + {@code global:events}) goes into a buffer, and one writer
 * thread stores property changes in batches, forgets deleted devices, keeps each user's
 * history bounded and records the stream position in the same transaction, so that after
 * downtime the stream resumes from the replay API exactly where the history ends. Only
 * then are the new changes handed on (to the Realtime notifier).
 * <p>
 * The dispatcher thread never waits: when the buffer is full the event is dropped and
 * read back from the replay API before anything after it is written. A database outage is
 * retried with backoff until the database is back.
 */
@Component
public class HistoryWriter implements HubEventListener, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);

	private static final long UNKNOWN = MissedEvents.UNKNOWN;

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final HistoryStore store;

	private final HistoryTransaction transaction;

	private final MissedEvents missed;

	private final StoredChangesListener listener;

	private final IftttProperties.History properties;

	private final BlockingQueue<StreamedEvent> queue;

	private final HistoryMetrics metrics;

	private final AtomicLong droppedUpTo = new AtomicLong(UNKNOWN);

	private volatile long position = UNKNOWN;

	private volatile @Nullable Thread writer;

	HistoryWriter(HistoryStore store, TransactionTemplate transactions, ReplaySource replay,
			StoredChangesListener listener, IftttProperties properties, MeterRegistry registry) {
		this.store = store;
		this.transaction = new HistoryTransaction(store, transactions, properties.history());
		this.missed = new MissedEvents(replay);
		this.listener = listener;
		this.properties = properties.history();
		this.queue = new ArrayBlockingQueue<>(this.properties.queueCapacity());
		this.metrics = new HistoryMetrics(registry, this.queue::size, () -> this.position);
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

	@Override
	public void onEvent(StreamedEvent event) {
		if (!this.queue.offer(event)) {
			this.droppedUpTo.accumulateAndGet(event.sequence(), Math::max);
			this.metrics.overflow();
		}
	}

	/** Sequence of the last event written, or -1 before the first. */
	public long position() {
		return this.position;
	}

	/** Events waiting to be written. */
	public int queued() {
		return this.queue.size();
	}

	@Override
	public void start() {
		Thread thread = new Thread(this::run, "ifttt-history-writer");
		thread.setDaemon(true);
		this.writer = thread;
		thread.start();
	}

	@Override
	public void stop() {
		Thread thread = this.writer;
		this.writer = null;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		Thread thread = this.writer;
		return thread != null && thread.isAlive();
	}

	/** Start before and stop after the event stream that feeds the buffer. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 300;
	}

	private void run() {
		List<StreamedEvent> batch = new ArrayList<>();
		try {
			while (!Thread.currentThread().isInterrupted()) {
				StreamedEvent first = this.queue.poll(1, TimeUnit.SECONDS);
				if (first != null) {
					batch.add(first);
					this.queue.drainTo(batch, this.properties.batchSize() - 1);
				}
				if (first != null || tailMissing()) {
					writeUntilDone(batch);
					batch.clear();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean tailMissing() {
		long dropped = this.droppedUpTo.get();
		return dropped != UNKNOWN && this.position != UNKNOWN && dropped > this.position;
	}

	/**
	 * Writes the batch, retrying while the database or the replay API is unavailable.
	 * Writing again what was partly written is harmless: known {@code eventId}s are
	 * skipped.
	 */
	private void writeUntilDone(List<StreamedEvent> batch) throws InterruptedException {
		for (int failures = 1;; failures++) {
			try {
				List<DeviceStateEvent> events = this.missed.fillIn(batch, this.position, this.droppedUpTo.get());
				try {
					write(events);
				}
				catch (DataIntegrityViolationException ex) {
					writeOneByOne(events, ex);
				}
				this.metrics.refilled(events.size() - batch.size());
				return;
			}
			catch (DataAccessException | TransactionException | ReplayUnavailable ex) {
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
		if (events.isEmpty()) {
			return;
		}
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
