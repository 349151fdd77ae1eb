package com.virtdevice.activity.audit;

import com.virtdevice.support.events.EventStream;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code activityWriter} in {@code /actuator/health}: whether events are being written,
 * the last batch, how far the stored rows are behind the publisher, and the failure being
 * retried, if any. The stream itself (its queue, position, rejects) is in
 * {@code eventStream}, the database in {@code db}.
 */
final class ActivityWriterHealthIndicator extends AbstractHealthIndicator {

	private final RetryingBatchWriter writer;

	private final ActivityWriterMetrics metrics;

	private final EventStream stream;

	ActivityWriterHealthIndicator(RetryingBatchWriter writer, ActivityWriterMetrics metrics, EventStream stream) {
		super("Activity writer health check failed");
		this.writer = writer;
		this.metrics = metrics;
		this.stream = stream;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		WriterStatus status = this.writer.status();
		ActivityWriterMetrics metrics = this.metrics;
		boolean writing = this.stream.isRunning();
		((writing && status.failure() == null) ? builder.up() : builder.down()).withDetail("writing", writing)
			.withDetail("rowsWritten", metrics.rowsWritten())
			.withDetail("duplicatesSkipped", metrics.duplicatesSkipped())
			.withDetail("rowsRejected", metrics.rowsRejected());
		if (status.lastBatch() != null) {
			long stored = status.lastBatch().lastSequence();
			builder.withDetail("lastBatch", status.lastBatch())
				.withDetail("storedSequence", stored)
				.withDetail("storedLag", Math.max(0, this.stream.latestKnownSequence() - stored));
		}
		if (status.failure() != null) {
			builder.withDetail("failure", status.failure());
		}
	}

}
