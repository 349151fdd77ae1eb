package com.virtdevice.benchmarks;

import java.util.Map;

import com.virtdevice.benchmarks.Results.Row;
import com.virtdevice.localstack.LocalStack;

/**
 * Time to healthy and resident memory of each service, idle and at its peak under load.
 */
final class Footprint {

	private final LocalStack stack;

	private final Results results;

	Footprint(LocalStack stack, Results results) {
		this.stack = stack;
		this.results = results;
	}

	void idle() throws InterruptedException {
		Benchmarks.section("7. Footprint, idle");
		Thread.sleep(3000);
		this.results.add(Row.of("7 footprint", "all five services healthy after", this.stack.secondsToHealthy(), "s"));
		this.stack.secondsToHealthyByService()
			.forEach((name, seconds) -> this.results
				.add(Row.of("7 footprint", name + " time to healthy", seconds, "s")));
		this.stack.residentMemoryMiB()
			.forEach((name, mib) -> this.results.add(Row.of("7 footprint", name + " RSS idle", mib, "MiB")));
	}

	void underLoad(Map<String, Long> peak) {
		Benchmarks.section("7. Footprint, under load");
		peak.forEach((name, mib) -> this.results.add(Row.of("7 footprint", name + " RSS peak under load", mib, "MiB")));
	}

}
