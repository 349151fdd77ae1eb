package com.virtdevice.support.events;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The stream's counters, exported as {@code virtdevice.events.*}. */
final class EventStreamMetrics {

	private final Counter live;

	private final Counter replayed;

	private final Counter rejected;

	private final Counter duplicates;

	private final Counter gaps;

	private final Counter overflow;

	private final Counter lost;

	private final Counter failed;

	private final AtomicLong lastDeliveredAt = new AtomicLong();

	EventStreamMetrics(MeterRegistry registry, Supplier<Number> queueSize, Supplier<Number> position) {
		this.live = counter(registry, "virtdevice.events.delivered", "Events delivered to the service", "from",
				"redis");
		this.replayed = counter(registry, "virtdevice.events.delivered", "Events delivered to the service", "from",
				"replay");
		this.rejected = counter(registry, "virtdevice.events.rejected", "Messages that were not valid events");
		this.duplicates = counter(registry, "virtdevice.events.duplicates", "Events seen again and skipped");
		this.gaps = counter(registry, "virtdevice.events.gaps", "Jumps in sequence detected on the live stream");
		this.overflow = counter(registry, "virtdevice.events.overflow",
				"Messages not queued because the buffer was full; fetched from the replay API instead");
		this.lost = counter(registry, "virtdevice.events.lost",
				"Sequences neither received nor available from the replay API");
		this.failed = counter(registry, "virtdevice.events.failed", "Events the service's handler failed on");
		Gauge.builder("virtdevice.events.queue.size", queueSize).register(registry);
		Gauge.builder("virtdevice.events.position", position)
			.description("Sequence of the last event delivered")
			.register(registry);
	}

	private static Counter counter(MeterRegistry registry, String name, String description, String... tags) {
		return Counter.builder(name).description(description).tags(tags).register(registry);
	}

	void delivered(java.util.List<StreamedEvent> events) {
		long replayedCount = events.stream().filter(StreamedEvent::replayed).count();
		this.replayed.increment(replayedCount);
		this.live.increment(events.size() - replayedCount);
		this.lastDeliveredAt.set(System.currentTimeMillis());
	}

	void rejected() {
		this.rejected.increment();
	}

	void duplicate() {
		this.duplicates.increment();
	}

	void gap() {
		this.gaps.increment();
	}

	void overflow() {
		this.overflow.increment();
	}

	void lost(long count) {
		this.lost.increment(count);
	}

	void failed(int events) {
		this.failed.increment(events);
	}

	long failedCount() {
		return (long) this.failed.count();
	}

	long rejectedCount() {
		return (long) this.rejected.count();
	}

	long duplicateCount() {
		return (long) this.duplicates.count();
	}

	long gapCount() {
		return (long) this.gaps.count();
	}

	long lostCount() {
		return (long) this.lost.count();
	}

	long overflowCount() {
		return (long) this.overflow.count();
	}

	long lastDeliveredAt() {
		return this.lastDeliveredAt.get();
	}

}
