package com.virtdevice.activity.audit;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.virtdevice.activity.audit.AuditWritePathTest.RecordingStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AuditEventListenerTest {

	private final UnreachableThenStore store = new UnreachableThenStore();

	private final AuditEventListener listener = new AuditEventListener(new RetryingBatchWriter(this.store,
			new ActivityWriterMetrics(new SimpleMeterRegistry()), Duration.ofMillis(100)), this.store, 10);

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
