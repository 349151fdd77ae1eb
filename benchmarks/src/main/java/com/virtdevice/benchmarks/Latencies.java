package com.virtdevice.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Latencies recorded from many threads, read as milliseconds. */
final class Latencies {

	private final Recorder recorder = new Recorder(TimeUnit.MINUTES.toNanos(5), 3);

	private final Histogram total = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);

	void record(long nanos) {
		this.recorder.recordValue(Math.max(0, Math.min(nanos, TimeUnit.MINUTES.toNanos(5))));
	}

	/** Everything recorded so far (and resets the recorder into the total). */
	synchronized Histogram histogram() {
		this.total.add(this.recorder.getIntervalHistogram());
		return this.total;
	}

	long count() {
		return histogram().getTotalCount();
	}

	double percentileMillis(double percentile) {
		return histogram().getValueAtPercentile(percentile) / 1e6;
	}

	/** p50, p99, p99.9 and max in ms. */
	Map<String, Double> summary() {
		Map<String, Double> summary = new LinkedHashMap<>();
		summary.put("p50Ms", round(percentileMillis(50)));
		summary.put("p99Ms", round(percentileMillis(99)));
		summary.put("p999Ms", round(percentileMillis(99.9)));
		summary.put("maxMs", round(histogram().getMaxValue() / 1e6));
		return summary;
	}

	static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

}
