package com.virtdevice.support.events;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code eventStream} in {@code /actuator/health}: whether the Redis subscription is
 * live, where the stream is, and how far behind the publisher it is.
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
		long position = this.stream.position();
		long latest = this.stream.latestKnownSequence();
		EventStreamMetrics metrics = this.stream.metrics();
		((subscribed && dispatching) ? builder.up() : builder.down()).withDetail("subscribed", subscribed)
			.withDetail("dispatching", dispatching)
			.withDetail("channels", this.stream.topics().stream().map(Object::toString).toList())
			.withDetail("position", position)
			.withDetail("publisherLatestSequence", latest)
			.withDetail("lag", (position < 0) ? 0 : Math.max(0, latest - position))
			.withDetail("queued", this.stream.queued())
			.withDetail("rejected", metrics.rejectedCount())
			.withDetail("gaps", metrics.gapCount())
			.withDetail("overflow", metrics.overflowCount())
			.withDetail("lost", metrics.lostCount());
		ReplayFailure failure = this.stream.replayFailure();
		if (failure != null) {
			builder.withDetail("replayFailingSince", failure.since().toString())
				.withDetail("replayError", failure.message());
		}
	}

}
