package com.virtdevice.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.virtdevice.benchmarks.Results.Row;
import com.virtdevice.benchmarks.micro.PerEventCode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Section 0: the JMH microbenchmarks ({@link PerEventCode}), run before the hub starts so
 * that they have the machine to themselves. They run in the driver's own JVM (no fork):
 * the driver is a Spring Boot executable jar, whose nested jars a forked JMH JVM could
 * not load. Each benchmark is warmed up for {@code warm-up iterations × iteration time}
 * first.
 */
final class MicroBenchmarks {

	private static final Map<String, String> DESCRIPTIONS = Map.of("encodeEvent",
			"EventCodec.encode: event → JSON (publisher, per event)", "decodeEvent",
			"EventCodec.decode: JSON → validated event (per consumer)", "stompFrameForOneSession",
			"STOMP MESSAGE frame, one session, to bytes (dashboard-ws)");

	private final Settings settings;

	private final Results results;

	MicroBenchmarks(Settings settings, Results results) {
		this.settings = settings;
		this.results = results;
	}

	void run() throws RunnerException {
		Benchmarks.section("0. Per-event code (JMH, one thread, no sockets)");
		Options options = new OptionsBuilder().include(PerEventCode.class.getName() + "\\.")
			.forks(0)
			.threads(1)
			.warmupIterations(this.settings.microWarmUpIterations())
			.warmupTime(TimeValue.milliseconds(this.settings.microIteration().toMillis()))
			.measurementIterations(this.settings.microIterations())
			.measurementTime(TimeValue.milliseconds(this.settings.microIteration().toMillis()))
			.timeUnit(TimeUnit.NANOSECONDS)
			.shouldFailOnError(true)
			.verbosity(VerboseMode.SILENT)
			.build();
		Collection<RunResult> runs = new Runner(options).run();
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("eventJsonBytes", new PerEventCode().eventJsonLength());
		for (RunResult run : runs) {
			String name = run.getParams().getBenchmark().substring(PerEventCode.class.getName().length() + 1);
			Result<?> score = run.getPrimaryResult();
			double micros = score.getScore() / 1000;
			detail.put(name, Map.of("nsPerOp", score.getScore(), "nsError99", score.getScoreError(), "unit",
					score.getScoreUnit()));
			this.results.add(Row.of("0 per-event code (JMH)", DESCRIPTIONS.getOrDefault(name, name), micros, "µs/op"));
		}
		this.results.detail("microBenchmarks", detail);
	}

}
