package com.virtdevice.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.virtdevice.localstack.LocalStack;

/**
 * The highest resident memory of each service seen while the load runs, once a second.
 */
final class MemorySampler implements AutoCloseable {

	private final LocalStack stack;

	private final Map<String, Long> peak = new LinkedHashMap<>();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "rss-sampler");
		thread.setDaemon(true);
		return thread;
	});

	MemorySampler(LocalStack stack) {
		this.stack = stack;
		this.timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
	}

	synchronized Map<String, Long> peakMiB() {
		return new LinkedHashMap<>(this.peak);
	}

	private synchronized void sample() {
		try {
			this.stack.residentMemoryMiB().forEach((name, mib) -> this.peak.merge(name, mib, Math::max));
		}
		catch (RuntimeException ex) {
			// a service restarting (the audit catch-up); the next sample sees it again
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
