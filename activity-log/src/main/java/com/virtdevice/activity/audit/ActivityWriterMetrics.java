package com.virtdevice.activity.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.virtdevice.events.DeviceStateEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The writer's meters, {@code virtdevice.activity.*}. Gaps recovered and messages spilled
 * to the replay API are the event stream's ({@code virtdevice.events.*}).
 */
final class ActivityWriterMetrics {

	private final Counter written;

	private final Counter duplicates;

	private final Counter rejected;

	private final Counter failures;

	private final DistributionSummary batchSize;

	private final Timer writeLatency;

	private final Timer recordDelay;

	ActivityWriterMetrics(MeterRegistry registry) {
		this.written = Counter.builder("virtdevice.activity.rows.written")
			.description("Audit rows inserted")
			.register(registry);
		this.duplicates = Counter.builder("virtdevice.activity.duplicates.skipped")
			.description("Events not inserted because their eventId was already stored")
			.register(registry);
		this.rejected = Counter.builder("virtdevice.activity.rows.rejected")
			.description("Events the database refused to store; each is logged with its eventId")
			.register(registry);
		this.failures = Counter.builder("virtdevice.activity.write.failures")
			.description("Batch writes that failed and were retried")
			.register(registry);
		this.batchSize = DistributionSummary.builder("virtdevice.activity.batch.size")
			.description("Events per written batch")
			.register(registry);
		this.writeLatency = Timer.builder("virtdevice.activity.write.latency")
			.description("Time to write and commit one batch")
			.register(registry);
		this.recordDelay = Timer.builder("virtdevice.activity.record.delay")
			.description("From an event's timestamp to its row being committed")
			.register(registry);
	}

	void stored(List<DeviceStateEvent> batch, BatchStore.Outcome outcome, Duration took, Instant committedAt) {
		this.written.increment(outcome.inserted());
		this.duplicates.increment(outcome.duplicates());
		this.batchSize.record(batch.size());
		this.writeLatency.record(took);
		for (DeviceStateEvent event : batch) {
			long delay = committedAt.toEpochMilli() - event.timestamp().toEpochMilli();
			this.recordDelay.record(Math.max(0, delay), TimeUnit.MILLISECONDS);
		}
	}

	void rejected() {
		this.rejected.increment();
	}

	void failed() {
		this.failures.increment();
	}

	long rowsWritten() {
		return (long) this.written.count();
	}

	long duplicatesSkipped() {
		return (long) this.duplicates.count();
	}

	long rowsRejected() {
		return (long) this.rejected.count();
	}

}
