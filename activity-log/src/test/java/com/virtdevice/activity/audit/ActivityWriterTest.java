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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The batching writer against a store that records what it is given. */
class ActivityWriterTest {

	private final RecordingStore store = new RecordingStore();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private ActivityWriter writer;

	@AfterEach
	void stopWriter() {
		this.store.release();
		if (this.writer != null) {
			this.writer.stop();
		}
	}

	@Test
	void writesEventsInOrderInBatchesOfAtMostTheBatchSize() throws InterruptedException {
		start(properties(1000, 10, Duration.ofMillis(50)));
		this.store.hold();
		List<DeviceStateEvent> events = events(35);
		for (DeviceStateEvent event : events) {
			this.writer.submit(event);
		}
		this.store.release();

		await().atMost(Duration.ofSeconds(10)).until(() -> this.store.stored().size() == 35);
		assertThat(this.store.stored()).containsExactlyElementsOf(events);
		assertThat(this.store.batches).allSatisfy((batch) -> assertThat(batch).hasSizeLessThanOrEqualTo(10));
		assertThat(this.store.batches).anySatisfy((batch) -> assertThat(batch).hasSize(10));
		assertThat(this.meters.counter("virtdevice.activity.rows.written").count()).isEqualTo(35);
		assertThat(this.meters.summary("virtdevice.activity.batch.size").count()).isEqualTo(this.store.batches.size());
	}

	@Test
	void writesAPartlyFilledBatchOnceTheMaxDelayHasPassed() throws InterruptedException {
		start(properties(1000, 500, Duration.ofMillis(200)));
		long started = System.nanoTime();
		for (DeviceStateEvent event : events(3)) {
			this.writer.submit(event);
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> this.store.stored().size() == 3);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		assertThat(this.store.batches).hasSize(1);
	}

	@Test
	void holdsTheSubmitterWhileTheQueueIsFullAndLosesNothing() throws InterruptedException {
		start(new ActivityWriterProperties(2, 1, Duration.ZERO, Duration.ofMillis(50), Duration.ofSeconds(1),
				Duration.ofSeconds(5)));
		this.store.hold();
		List<DeviceStateEvent> events = events(4);
		this.writer.submit(events.get(0));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.store.calls.get() == 1);
		this.writer.submit(events.get(1));
		this.writer.submit(events.get(2));

		CompletableFuture<Void> fourth = CompletableFuture.runAsync(() -> submitQuietly(events.get(3)));

		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !fourth.isDone());
		assertThat(this.meters.counter("virtdevice.activity.writer.stalls").count()).isPositive();
		this.store.release();
		fourth.orTimeout(10, TimeUnit.SECONDS).join();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.store.stored().size() == 4);
		assertThat(this.store.stored()).containsExactlyElementsOf(events);
	}

	@Test
	void retriesABatchTheDatabaseCouldNotTakeUntilItIsStored() throws InterruptedException {
		start(properties(100, 10, Duration.ZERO));
		this.store.failNext(2);
		List<DeviceStateEvent> events = events(3);
		this.store.hold();
		for (DeviceStateEvent event : events) {
			this.writer.submit(event);
		}
		this.store.release();

		await().atMost(Duration.ofSeconds(10)).until(() -> this.store.stored().size() == 3);
		assertThat(this.store.stored()).containsExactlyElementsOf(events);
		assertThat(this.meters.counter("virtdevice.activity.write.failures").count()).isEqualTo(2);
		assertThat(this.writer.status().failure()).isNull();
		assertThat(this.writer.status().lastBatch()).isNotNull();
	}

	@Test
	void reportsTheFailureItIsRetryingInItsStatus() throws InterruptedException {
		start(properties(100, 10, Duration.ZERO));
		this.store.failNext(Integer.MAX_VALUE);
		this.writer.submit(events(1).get(0));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.writer.status().failure() != null && this.writer.status().failure().attempts() >= 2);
		assertThat(this.writer.status().failure().error()).isEqualTo("DataAccessResourceFailureException");
		this.store.failNext(0);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.writer.status().failure() == null);
	}

	@Test
	void leavesOutOnlyTheEventTheDatabaseRefuses() throws InterruptedException {
		start(properties(100, 10, Duration.ofMillis(100)));
		List<DeviceStateEvent> events = events(5);
		this.store.refuse(events.get(2).eventId());
		this.store.hold();
		for (DeviceStateEvent event : events) {
			this.writer.submit(event);
		}
		this.store.release();

		await().atMost(Duration.ofSeconds(10)).until(() -> this.store.stored().size() == 4);
		assertThat(this.store.stored()).containsExactly(events.get(0), events.get(1), events.get(3), events.get(4));
		assertThat(this.meters.counter("virtdevice.activity.rows.rejected").count()).isEqualTo(1);
	}

	@Test
	void writesWhatIsQueuedBeforeItStops() throws InterruptedException {
		start(properties(100, 2, Duration.ZERO));
		this.store.hold();
		List<DeviceStateEvent> events = events(7);
		for (DeviceStateEvent event : events) {
			this.writer.submit(event);
		}
		this.store.release();

		this.writer.stop();

		assertThat(this.store.stored()).containsExactlyElementsOf(events);
		assertThat(this.writer.isRunning()).isFalse();
	}

	@Test
	void givesUpRetryingAtTheShutdownTimeoutSoTheNextStartFetchesTheRest() throws InterruptedException {
		start(new ActivityWriterProperties(100, 10, Duration.ZERO, Duration.ofSeconds(1), Duration.ofMillis(50),
				Duration.ofMillis(300)));
		this.store.failNext(Integer.MAX_VALUE);
		this.writer.submit(events(1).get(0));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.store.calls.get() > 0);
		long started = System.nanoTime();

		this.writer.stop();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
		assertThat(this.store.stored()).isEmpty();
	}

	@Test
	void refusesEventsOnceStopped() {
		start(properties(100, 10, Duration.ZERO));
		this.writer.stop();

		assertThatExceptionOfType(ActivityWriterStopped.class).isThrownBy(() -> this.writer.submit(events(1).get(0)));
	}

	@Test
	void leavesAnEventUnqueuedWhenTheSubmitterIsInterrupted() throws InterruptedException {
		start(new ActivityWriterProperties(1, 1, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1),
				Duration.ofSeconds(5)));
		this.store.hold();
		List<DeviceStateEvent> events = events(3);
		this.writer.submit(events.get(0));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.store.calls.get() == 1);
		this.writer.submit(events.get(1));

		Thread.currentThread().interrupt();
		assertThatExceptionOfType(InterruptedException.class).isThrownBy(() -> this.writer.submit(events.get(2)));

		this.store.release();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.store.stored().size() == 2);
		assertThat(this.store.stored()).containsExactly(events.get(0), events.get(1));
	}

	private void start(ActivityWriterProperties properties) {
		this.writer = new ActivityWriter(this.store, properties, this.meters);
		this.writer.start();
	}

	private void submitQuietly(DeviceStateEvent event) {
		try {
			this.writer.submit(event);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static ActivityWriterProperties properties(int capacity, int batchSize, Duration maxDelay) {
		return new ActivityWriterProperties(capacity, batchSize, maxDelay, Duration.ofSeconds(10),
				Duration.ofMillis(100), Duration.ofSeconds(5));
	}

	private static List<DeviceStateEvent> events(int count) {
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
