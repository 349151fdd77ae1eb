package com.virtdevice.activity.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.virtdevice.events.DeviceStateEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The batching writer between the event stream and the database. The stream's dispatcher
 * thread only {@link #submit submits} events to a bounded queue; one writer thread takes
 * up to {@code batch-size} of them, waiting at most {@code max-delay} for a batch to
 * fill, and stores them in one transaction through {@link RetryingBatchWriter}.
 * <p>
 * Nothing is dropped on the way. A full queue makes {@link #submit} wait, which holds the
 * stream back; the stream's own buffer then overflows and the stream fetches those events
 * from the replay API once it moves again. A failing batch is retried until it commits.
 * Batches are written in sequence order, so the highest stored sequence is always a safe
 * place to resume.
 */
final class ActivityWriter implements SmartLifecycle {

	/**
	 * Starts before and stops after the event stream (phase {@code MAX_VALUE - 200}), so
	 * the stream never submits to a stopped writer and a stop flushes what it submitted.
	 */
	static final int PHASE = Integer.MAX_VALUE - 300;

	private static final Logger log = LoggerFactory.getLogger(ActivityWriter.class);

	private static final long IDLE_POLL_MILLIS = 200;

	private final ActivityWriterProperties properties;

	private final BlockingQueue<DeviceStateEvent> queue;

	private final ActivityWriterMetrics metrics;

	private final RetryingBatchWriter batches;

	private volatile boolean running;

	private volatile long stopDeadline;

	private volatile @Nullable Thread thread;

	ActivityWriter(BatchStore store, ActivityWriterProperties properties, MeterRegistry registry) {
		this.properties = properties;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.metrics = new ActivityWriterMetrics(registry, this.queue::size);
		this.batches = new RetryingBatchWriter(store, this.metrics, properties.maxRetryBackoff());
	}

	/**
	 * Queues an event for writing, waiting while the queue is full.
	 * @throws InterruptedException if the waiting thread is interrupted (the event stream
	 * is stopping); the event is not queued
	 * @throws ActivityWriterStopped if the writer is not running
	 */
	void submit(DeviceStateEvent event) throws InterruptedException {
		long stallWarning = this.properties.stallWarning().toMillis();
		while (true) {
			if (!this.running) {
				throw new ActivityWriterStopped(event);
			}
			if (this.queue.offer(event, stallWarning, TimeUnit.MILLISECONDS)) {
				return;
			}
			this.metrics.stalled();
			log.warn(
					"The writer's queue has been full for {} ({} events): holding the event stream at event {} "
							+ "(sequence {}). Messages that arrive meanwhile are fetched from the replay API later.",
					this.properties.stallWarning(), this.queue.size(), event.eventId(), event.sequence());
		}
	}

	@Override
	public void start() {
		this.running = true;
		Thread writer = new Thread(this::run, "activity-writer");
		writer.setDaemon(true);
		this.thread = writer;
		writer.start();
	}

	/** Writes what is queued, for at most {@code shutdown-timeout}, then stops. */
	@Override
	public void stop() {
		this.stopDeadline = System.nanoTime() + this.properties.shutdownTimeout().toNanos();
		this.running = false;
		Thread writer = this.thread;
		if (writer == null) {
			return;
		}
		try {
			writer.join(this.properties.shutdownTimeout().plusSeconds(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (writer.isAlive()) {
			writer.interrupt();
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	int queued() {
		return this.queue.size();
	}

	int capacity() {
		return this.properties.queueCapacity();
	}

	boolean isWriting() {
		Thread writer = this.thread;
		return this.running && writer != null && writer.isAlive();
	}

	WriterStatus status() {
		return this.batches.status();
	}

	ActivityWriterMetrics metrics() {
		return this.metrics;
	}

	private void run() {
		List<DeviceStateEvent> batch = new ArrayList<>(this.properties.batchSize());
		try {
			while (this.running || !this.queue.isEmpty()) {
				collect(batch);
				if (!batch.isEmpty() && !this.batches.write(batch, this::millisToGiveUp)) {
					abandon(batch);
					return;
				}
				batch.clear();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			abandon(batch);
		}
		catch (RuntimeException ex) {
			// Refuse further events rather than queue them for nobody; health turns DOWN.
			this.running = false;
			log.error("The activity writer stopped unexpectedly", ex);
			abandon(batch);
		}
	}

	/** Takes the next batch: up to batch-size events, waiting at most max-delay. */
	private void collect(List<DeviceStateEvent> batch) throws InterruptedException {
		DeviceStateEvent first = this.queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
		if (first == null) {
			return;
		}
		batch.add(first);
		int size = this.properties.batchSize();
		long lingerUntil = System.nanoTime() + this.properties.maxDelay().toNanos();
		while (batch.size() < size) {
			this.queue.drainTo(batch, size - batch.size());
			long remaining = lingerUntil - System.nanoTime();
			if (batch.size() >= size || remaining <= 0 || !this.running) {
				return;
			}
			DeviceStateEvent next = this.queue.poll(remaining, TimeUnit.NANOSECONDS);
			if (next == null) {
				return;
			}
			batch.add(next);
		}
	}

	/** How long a failing batch may still be retried: unlimited until stop is called. */
	private long millisToGiveUp() {
		return this.running ? Long.MAX_VALUE : (this.stopDeadline - System.nanoTime()) / 1_000_000;
	}

	/** Gives up on what is not written: the next start fetches it from the replay API. */
	private void abandon(List<DeviceStateEvent> batch) {
		List<DeviceStateEvent> left = new ArrayList<>(batch);
		this.queue.drainTo(left);
		if (!left.isEmpty()) {
			log.error("Stopping with {} events not written ({}); the next start fetches them from the replay API",
					left.size(), RetryingBatchWriter.sequences(left));
		}
	}

}
