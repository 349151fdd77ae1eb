package com.virtdevice.support.events;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code eventStream} in {@code /actuator/health}: whether the Redis subscription is
 * live, where the stream is, and how far behind the publisher it is. DOWN without a
 * subscription or a dispatcher; OUT_OF_SERVICE while the replay API refuses this service
 * (an expired or wrong service token does not heal by waiting, and without the replay API
 * the service cannot fill a gap or catch up).
 */
final class EventStreamHealthIndicator extends AbstractHealthIndicator {

	private final EventStream stream;

	EventStreamHealthIndicator(EventStream stream) {
		super("Event stream health check failed");
		this.stream = stream;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean subscribed = this.stream.isSubscribed();
		boolean dispatching = this.stream.isRunning();
		ReplayFailure failure = this.stream.replayFailure();
		if (!subscribed || !dispatching) {
			builder.down();
		}
		else if (failure != null && failure.refused()) {
			builder.status(Status.OUT_OF_SERVICE);
		}
		else {
			builder.up();
		}
		long position = this.stream.position();
		long latest = this.stream.latestKnownSequence();
		EventStreamMetrics metrics = this.stream.metrics();
		builder.withDetail("subscribed", subscribed)
			.withDetail("dispatching", dispatching)
			.withDetail("channels", this.stream.topics().stream().map(Object::toString).toList())
			.withDetail("position", position)
			.withDetail("publisherLatestSequence", latest)
			.withDetail("lag", (position < 0) ? 0 : Math.max(0, latest - position))
			.withDetail("queued", this.stream.queued())
			.withDetail("rejected", metrics.rejectedCount())
			.withDetail("gaps", metrics.gapCount())
			.withDetail("overflow", metrics.overflowCount())
			.withDetail("lost", metrics.lostCount())
			.withDetail("failed", metrics.failedCount());
		if (failure != null) {
			builder.withDetail("replayFailingSince", failure.since().toString())
				.withDetail("replayError", failure.message())
				.withDetail("replayRefused", failure.refused());
		}
	}

}
