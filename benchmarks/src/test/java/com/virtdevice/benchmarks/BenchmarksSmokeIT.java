package com.virtdevice.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.virtdevice.benchmarks.Results.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark driver in its smoke settings against the real hub, so the harness cannot
 * rot: every measurement runs (for seconds, with a handful of sessions), every event
 * reaches every consumer it should, and both reports are written. The figures themselves
 * are not judged here; a test machine's speed says nothing about the hub's.
 */
class BenchmarksSmokeIT {

	@Test
	void runsEveryMeasurementAndWritesBothReports(@TempDir Path out) throws Exception {
		Results results = Benchmarks.run(Settings.smoke());
		Report report = new Report(Settings.smoke(), results);
		report.writeJson(out.resolve("results.json"));
		report.writeMarkdown(out.resolve("benchmarks.md"));

		assertThat(results.notDoneList()).isEmpty();
		assertThat(results.rows()).extracting(Row::section)
			.contains("0 per-event code (JMH)", "1 baseline", "2 write path", "3 end to end", "4 fan-out", "5 audit",
					"6 dispatch", "7 footprint", "overload");
		assertThat(results.rows()).allSatisfy((row) -> assertThat(row.value()).isFinite().isNotNegative());
		assertThat(results.rows()).filteredOn((row) -> row.unit().equals("µs/op"))
			.as("the three JMH benchmarks")
			.hasSize(3)
			.allSatisfy((row) -> assertThat(row.value()).isPositive());
		assertThat(results.rows()).filteredOn((row) -> row.metric().equals("frames missing at 50/s"))
			.as("every change reached its dashboard")
			.singleElement()
			.satisfies((row) -> assertThat(row.value()).isZero());
		assertThat(results.rows())
			.filteredOn((row) -> row.metric().startsWith("frames missing at") && row.metric().contains("half"))
			.singleElement()
			.satisfies((row) -> assertThat(row.value()).isZero());
		assertThat(value(results, "frames missing, 10 single changes")).isZero();
		List<String> judged = results.rows().stream().filter((row) -> row.target() != null).map(Row::metric).toList();
		assertThat(judged).as("issue 15's targets")
			.anyMatch((metric) -> metric.startsWith("REST PUT, 2 clients"))
			.anyMatch((metric) -> metric.startsWith("machine CPU per PUT, 2 clients"))
			.anyMatch((metric) -> metric.startsWith("REST → STOMP p50 at 50/s"))
			.anyMatch((metric) -> metric.startsWith("REST → STOMP p99 at 50/s"))
			.anyMatch((metric) -> metric.startsWith("REST → STOMP p99 at") && metric.contains("half the write path"))
			.anyMatch((metric) -> metric.startsWith("REST → STOMP median, 10 single changes"))
			.anyMatch((metric) -> metric.startsWith("dashboard-ws CPU per frame"))
			.anyMatch((metric) -> metric.startsWith("catch-up: "));
		for (String consumer : ConsumerProgress.CONSUMERS) {
			assertThat(judged).anyMatch((metric) -> metric.startsWith(consumer + " behind when the run ended"));
		}
		assertThat(value(results, "Redis subscribers disconnected (of 4)")).isZero();
		assertThat(value(results, "sessions dropped")).isZero();
		Map<?, ?> fanOut = (Map<?, ?>) results.details().get("fanOut");
		assertThat(fanOut.get("framesDelivered")).isEqualTo(fanOut.get("framesExpected"));
		assertThat(((Map<?, ?>) results.details().get("auditCatchUp")).get("caughtUp")).isEqualTo(true);

		JsonNode json = JsonMapper.shared().readTree(Files.readString(out.resolve("results.json")));
		assertThat(json.path("rows").size()).isEqualTo(results.rows().size());
		assertThat(json.path("machine").path("processors").asInt()).isPositive();
		assertThat(Files.readString(out.resolve("benchmarks.md"))).contains("## Machine", "## Results",
				"REST PUT, 2 clients");
	}

	private static double value(Results results, String metricStart) {
		List<Row> rows = results.rows().stream().filter((row) -> row.metric().startsWith(metricStart)).toList();
		assertThat(rows).as(metricStart).hasSize(1);
		return rows.get(0).value();
	}

}
