package com.virtdevice.activity.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.support.events.StreamedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The write path — the listener's batches through {@link RetryingBatchWriter} — against a
 * store that records what it is given.
 */
class AuditWritePathTest {

	private final RecordingStore store = new RecordingStore();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final RetryingBatchWriter writer = new RetryingBatchWriter(this.store,
			new ActivityWriterMetrics(this.meters), Duration.ofMillis(100));

	private final List<Thread> dispatchers = new CopyOnWriteArrayList<>();

	@AfterEach
	void release() throws InterruptedException {
		this.store.release();
		for (Thread dispatcher : this.dispatchers) {
			dispatcher.interrupt();
			dispatcher.join(5000);
		}
	}

	@Test
	void writesEachHandedOverBatchInOrderInTransactionsOfAtMostTheBatchSize() {
		List<DeviceStateEvent> events = events(35);

		listener(10).onEvents(streamed(events));

		assertThat(this.store.stored()).containsExactlyElementsOf(events);
		assertThat(this.store.batches).extracting(List::size).containsExactly(10, 10, 10, 5);
		assertThat(this.meters.counter("virtdevice.activity.rows.written").count()).isEqualTo(35);
		assertThat(this.meters.summary("virtdevice.activity.batch.size").count()).isEqualTo(4);
	}

	@Test
	void writesASingleEventAtOnceWithoutWaitingForABatchToFill() {
		listener(500).onEvents(streamed(events(1)));

		assertThat(this.store.batches).hasSize(1);
	}

	@Test
	void retriesABatchTheDatabaseCouldNotTakeUntilItIsStored() {
		this.store.failNext(2);
		List<DeviceStateEvent> events = events(3);

		listener(10).onEvents(streamed(events));

		assertThat(this.store.stored()).containsExactlyElementsOf(events);
		assertThat(this.meters.counter("virtdevice.activity.write.failures").count()).isEqualTo(2);
		assertThat(this.writer.status().failure()).isNull();
		assertThat(this.writer.status().lastBatch()).isNotNull();
	}

	@Test
	void holdsTheStreamAndReportsTheFailureWhileTheDatabaseIsDown() {
		this.store.failNext(Integer.MAX_VALUE);
		CompletableFuture<Void> handed = onDispatcher(listener(10), events(1));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.writer.status().failure() != null && this.writer.status().failure().attempts() >= 2);
		assertThat(handed).as("the stream waits").isNotDone();
		assertThat(this.writer.status().failure().error()).isEqualTo("DataAccessResourceFailureException");

		this.store.failNext(0);
		await().atMost(Duration.ofSeconds(10)).until(handed::isDone);
		assertThat(this.writer.status().failure()).isNull();
		assertThat(this.store.stored()).hasSize(1);
	}

	@Test
	void leavesOutOnlyTheEventTheDatabaseRefuses() {
		List<DeviceStateEvent> events = events(5);
		this.store.refuse(events.get(2).eventId());

		listener(10).onEvents(streamed(events));

		assertThat(this.store.stored()).containsExactly(events.get(0), events.get(1), events.get(3), events.get(4));
		assertThat(this.meters.counter("virtdevice.activity.rows.rejected").count()).isEqualTo(1);
	}

	@Test
	void stopsRetryingWhenTheServiceStopsSoTheNextStartReadsTheRestAgain() throws InterruptedException {
		this.store.failNext(Integer.MAX_VALUE);
		CompletableFuture<Void> handed = onDispatcher(listener(10), events(3));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.store.calls.get() > 0);

		this.dispatchers.get(0).interrupt();

		await().atMost(Duration.ofSeconds(5)).until(handed::isDone);
		assertThat(this.store.stored()).isEmpty();
		assertThat(this.store.lastStoredSequence()).isEqualTo(OptionalLong.of(0));
	}

	private AuditEventListener listener(int batchSize) {
		return new AuditEventListener(this.writer, this.store, batchSize);
	}

	/** Hands events over on a thread of its own, as the stream's dispatcher would. */
	private CompletableFuture<Void> onDispatcher(AuditEventListener listener, List<DeviceStateEvent> events) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		Thread dispatcher = new Thread(() -> {
			listener.onEvents(streamed(events));
			done.complete(null);
		}, "event-stream");
		this.dispatchers.add(dispatcher);
		dispatcher.start();
		return done;
	}

	static List<StreamedEvent> streamed(List<DeviceStateEvent> events) {
		return events.stream().map((event) -> new StreamedEvent(event, new byte[0], false)).toList();
	}

	static List<DeviceStateEvent> events(int count) {
		List<DeviceStateEvent> events = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			events.add(DeviceStateEvent.propertyChanged(UUID.randomUUID(), i, "dev-1", "user-1", "tenant-1", "level",
					null, Integer.toString(i), ChangeSource.API, Instant.now()));
		}
		return events;
	}

	/**
	 * Records stored batches; can hold the writer inside a call, fail calls, or refuse an
	 * event as the database would.
	 */
	static class RecordingStore implements BatchStore {

		final List<List<DeviceStateEvent>> batches = new CopyOnWriteArrayList<>();

		final AtomicInteger calls = new AtomicInteger();

		private final AtomicInteger failures = new AtomicInteger();

		private final Set<UUID> refused = new java.util.concurrent.ConcurrentSkipListSet<>();

		private volatile CountDownLatch gate = new CountDownLatch(0);

		@Override
		public Outcome store(List<DeviceStateEvent> events) {
			this.calls.incrementAndGet();
			try {
				this.gate.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new DataAccessResourceFailureException("interrupted");
			}
			if (this.failures.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
				throw new DataAccessResourceFailureException("Connection refused");
			}
			if (events.stream().anyMatch((event) -> this.refused.contains(event.eventId()))) {
				throw new DataIntegrityViolationException("value not allowed");
			}
			this.batches.add(List.copyOf(events));
			return new Outcome(events.size(), 0);
		}

		@Override
		public OptionalLong lastStoredSequence() {
			return OptionalLong.of(stored().stream().mapToLong(DeviceStateEvent::sequence).max().orElse(0));
		}

		List<DeviceStateEvent> stored() {
			return this.batches.stream().flatMap(List::stream).toList();
		}

		void hold() {
			this.gate = new CountDownLatch(1);
		}

		void release() {
			this.gate.countDown();
		}

		void failNext(int count) {
			this.failures.set(count);
		}

		void refuse(UUID eventId) {
			this.refused.add(eventId);
		}

	}

}
