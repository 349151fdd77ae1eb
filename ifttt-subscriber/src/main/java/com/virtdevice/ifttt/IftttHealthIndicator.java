package com.virtdevice.ifttt;

import com.virtdevice.ifttt.history.HistoryWriter;
import com.virtdevice.support.events.EventStream;
import com.virtdevice.ifttt.realtime.RealtimeNotifier;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code ifttt} in {@code /actuator/health}: DOWN when the history writer has stopped
 * (polls would miss new events); Realtime trouble is shown but does not make the service
 * DOWN, because IFTTT's regular polls still deliver every event.
 */
@Component
class IftttHealthIndicator extends AbstractHealthIndicator {

	private final HistoryWriter writer;

	private final RealtimeNotifier notifier;

	private final EventStream stream;

	IftttHealthIndicator(HistoryWriter writer, RealtimeNotifier notifier, EventStream stream) {
		super("IFTTT health check failed");
		this.writer = writer;
		this.notifier = notifier;
		this.stream = stream;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		(this.stream.isRunning() ? builder.up() : builder.down())
			.withDetail("historyWriterRunning", this.stream.isRunning())
			.withDetail("historyPosition", this.writer.position())
			.withDetail("historyQueued", this.stream.queued())
			.withDetail("realtimeEnabled", this.notifier.isEnabled())
			.withDetail("realtimePending", this.notifier.pending())
			.withDetail("realtimeRetrying", this.notifier.waitingRetries())
			.withDetail("realtimeConsecutiveFailures", this.notifier.consecutiveFailures())
			.withDetail("realtimeLastDelivered", String.valueOf(this.notifier.lastDelivered()))
			.withDetail("realtimeLastFailure", String.valueOf(this.notifier.lastFailure()));
	}

}
