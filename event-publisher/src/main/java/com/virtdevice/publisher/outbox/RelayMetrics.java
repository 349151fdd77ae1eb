package com.virtdevice.publisher.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.virtdevice.events.DeviceStateEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/** The relay's metrics, exported as {@code virtdevice.publisher.*}. */
@Component
class RelayMetrics {

	private final Counter published;

	private final Counter republished;

	private final Counter publishFailures;

	private final DistributionSummary batchSize;

	private final Timer commitToPublish;

	RelayMetrics(MeterRegistry registry) {
		this.published = Counter.builder("virtdevice.publisher.events.published")
			.description("Events published to Redis")
			.register(registry);
		this.republished = Counter.builder("virtdevice.publisher.events.republish.skipped")
			.description("Events published again after a failover or retry and dropped by the Redis fence")
			.register(registry);
		this.publishFailures = Counter.builder("virtdevice.publisher.publish.failures")
			.description("Attempts to publish a batch that Redis did not accept")
			.register(registry);
		this.batchSize = DistributionSummary.builder("virtdevice.publisher.relay.batch.size")
			.description("Events per published batch")
			.register(registry);
		this.commitToPublish = Timer.builder("virtdevice.publisher.publish.latency")
			.description("Time from a change's commit to its publication on Redis")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
	}

	void published(List<DeviceStateEvent> batch, long fresh, Instant now) {
		this.published.increment(fresh);
		this.republished.increment(batch.size() - fresh);
		this.batchSize.record(batch.size());
		for (DeviceStateEvent event : batch) {
			this.commitToPublish.record(Duration.between(event.timestamp(), now));
		}
	}

	void publishFailed() {
		this.publishFailures.increment();
	}

}
