package com.virtdevice.activity.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.virtdevice.activity.audit.ActivityWriterTest.RecordingStore;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.support.events.StreamedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AuditEventListenerTest {

	private final UnreachableThenStore store = new UnreachableThenStore();

	private final ActivityWriter writer = new ActivityWriter(this.store, new ActivityWriterProperties(1, 1,
			Duration.ZERO, Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofSeconds(5)),
			new SimpleMeterRegistry());

	private final AuditEventListener listener = new AuditEventListener(this.writer, this.store);

	@AfterEach
	void stop() {
		this.store.release();
		this.writer.stop();
	}

	@Test
	void waitsForTheDatabaseToTellWhereToResume() {
		this.store.unreachableFor(2);

		assertThat(this.listener.lastHandledSequence()).isEqualTo(OptionalLong.of(0));
		assertThat(this.store.positionReads).isEqualTo(3);
	}

	@Test
	void givesUpAskingWhenTheStreamStops() throws Exception {
		this.store.unreachableFor(Integer.MAX_VALUE);

		CompletableFuture<OptionalLong> position = new CompletableFuture<>();
		Thread dispatcher = new Thread(() -> position.complete(this.listener.lastHandledSequence()));
		dispatcher.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.store.positionReads > 0);
		dispatcher.interrupt();

		assertThat(position.get(5, TimeUnit.SECONDS)).isEmpty();
	}

	@Test
	void leavesTheEventForTheNextStartWhenInterruptedWhileTheQueueIsFull() {
		this.writer.start();
		this.store.hold();
		this.listener.onEvent(streamed(1));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.store.calls.get() == 1);
		this.listener.onEvent(streamed(2));

		Thread.currentThread().interrupt();
		this.listener.onEvent(streamed(3));

		assertThat(Thread.interrupted()).as("interrupt kept for the stream's dispatcher").isTrue();
		this.store.release();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.store.stored().size() == 2);
		assertThat(this.store.lastStoredSequence()).isEqualTo(OptionalLong.of(2));
	}

	private static StreamedEvent streamed(long sequence) {
		DeviceStateEvent event = DeviceStateEvent.propertyChanged(UUID.randomUUID(), sequence, "dev-1", "user-1",
				"tenant-1", "level", null, Long.toString(sequence), ChangeSource.API, Instant.now());
		return new StreamedEvent(event, new byte[0], false);
	}

	/** A store whose position cannot be read for a while. */
	static final class UnreachableThenStore extends RecordingStore {

		volatile int positionReads;

		private volatile int unreachable;

		void unreachableFor(int reads) {
			this.unreachable = reads;
		}

		@Override
		public OptionalLong lastStoredSequence() {
			this.positionReads++;
			if (this.positionReads <= this.unreachable) {
				throw new DataAccessResourceFailureException("Connection refused");
			}
			return super.lastStoredSequence();
		}

	}

}
