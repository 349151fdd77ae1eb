package com.virtdevice.activity.audit;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code activityWriter} in {@code /actuator/health}: whether events are being written,
 * how full the queue is, the last batch, and the failure being retried, if any. The
 * stream's position and lag are in {@code eventStream}, the database in {@code db}.
 */
final class ActivityWriterHealthIndicator extends AbstractHealthIndicator {

	private final ActivityWriter writer;

	ActivityWriterHealthIndicator(ActivityWriter writer) {
		super("Activity writer health check failed");
		this.writer = writer;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		WriterStatus status = this.writer.status();
		ActivityWriterMetrics metrics = this.writer.metrics();
		boolean writing = this.writer.isWriting();
		((writing && status.failure() == null) ? builder.up() : builder.down()).withDetail("writing", writing)
			.withDetail("queued", this.writer.queued())
			.withDetail("capacity", this.writer.capacity())
			.withDetail("rowsWritten", metrics.rowsWritten())
			.withDetail("duplicatesSkipped", metrics.duplicatesSkipped())
			.withDetail("rowsRejected", metrics.rowsRejected());
		if (status.lastBatch() != null) {
			builder.withDetail("lastBatch", status.lastBatch());
		}
		if (status.failure() != null) {
			builder.withDetail("failure", status.failure());
		}
	}

}
