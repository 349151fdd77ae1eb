package com.virtdevice.ifttt.history;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The history writer's meters, {@code virtdevice.ifttt.history.*}. */
final class HistoryMetrics {

	private final Counter stored;

	private final Counter duplicates;

	private final Counter writeFailures;

	private final Counter skipped;

	HistoryMetrics(MeterRegistry registry, Supplier<Number> position) {
		this.stored = counter(registry, "stored", "Property changes stored in the history");
		this.duplicates = counter(registry, "duplicates", "Property changes already stored (same eventId)");
		this.writeFailures = counter(registry, "write.failures", "Failed attempts to write a batch (retried)");
		this.skipped = counter(registry, "skipped", "Events that could not be stored at all");
		Gauge.builder("virtdevice.ifttt.history.position", position)
			.description("Sequence of the last event written")
			.register(registry);
	}

	private static Counter counter(MeterRegistry registry, String name, String description) {
		return Counter.builder("virtdevice.ifttt.history." + name).description(description).register(registry);
	}

	void stored(int count, int duplicateCount) {
		this.stored.increment(count);
		this.duplicates.increment(duplicateCount);
	}

	void writeFailed() {
		this.writeFailures.increment();
	}

	void skipped() {
		this.skipped.increment();
	}

}
