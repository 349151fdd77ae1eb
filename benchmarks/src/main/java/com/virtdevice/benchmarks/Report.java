package com.virtdevice.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.virtdevice.benchmarks.Results.Row;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run's table for the console, {@code results.json} for machines, and
 * {@code docs/benchmarks.md} for people: machine, table, and the interpretation kept in
 * {@code benchmarks/interpretation.md} (findings, fixes with before/after).
 */
final class Report {

	private final Settings settings;

	private final Results results;

	Report(Settings settings, Results results) {
		this.settings = settings;
		this.results = results;
	}

	String table() {
		StringBuilder table = new StringBuilder(String.format("%-26s %-58s %12s %-9s %8s  %-30s %s%n", "section",
				"measurement", "value", "unit", "ratio", "target", "verdict"));
		for (Row row : this.results.rows()) {
			table.append(row.render()).append('\n');
		}
		for (String missing : this.results.notDoneList()) {
			table.append("NOT DONE: ").append(missing).append('\n');
		}
		return table.toString();
	}

	void writeJson(Path file) throws IOException {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("rows", this.results.rows());
		json.put("notDone", this.results.notDoneList());
		json.putAll(this.results.details());
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(json));
	}

	void writeMarkdown(Path file) throws IOException {
		Map<String, Object> details = this.results.details();
		StringBuilder md = new StringBuilder();
		md.append("# Benchmarks\n\n");
		md.append("The latest `./run-benchmarks` run (")
			.append(this.settings.name())
			.append(" settings), started ")
			.append(details.get("startedAt"))
			.append(", ")
			.append(details.get("durationSeconds"))
			.append(" s in all. Every figure with a ratio is divided by a baseline measured in the same run on ")
			.append("the same machine; the raw figures are in `target/benchmarks/results.json`.\n\n");
		md.append("## Machine\n\n| | |\n|---|---|\n");
		if (details.get("machine") instanceof Map<?, ?> machine) {
			machine.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
		}
		md.append("| loadAverageAtEnd | ").append(details.get("loadAverageAtEnd")).append(" |\n\n");
		md.append("The whole hub, Redis, PostgreSQL and the load driver share this machine, and so may other ")
			.append("work; the load averages say how busy it was, and every figure moves with them.\n\n");
		md.append("## Results\n\n| section | measurement | value | unit | ratio to baseline | target | verdict |\n")
			.append("|---|---|--:|---|--:|---|---|\n");
		for (Row row : this.results.rows()) {
			md.append("| ")
				.append(row.section())
				.append(" | ")
				.append(row.metric())
				.append(" | ")
				.append(Row.format(row.value()))
				.append(" | ")
				.append(row.unit())
				.append(" | ")
				.append((row.ratio() != null) ? String.format("%.3f", row.ratio()) : "")
				.append(" | ")
				.append((row.target() != null) ? row.target() : "")
				.append(" | ")
				.append(row.met() == null ? "" : (row.met() ? "met" : "**missed**"))
				.append(" |\n");
		}
		if (!this.results.notDoneList().isEmpty()) {
			md.append("\n## Not measured in this run\n\n");
			this.results.notDoneList().forEach((missing) -> md.append("- ").append(missing).append('\n'));
		}
		Path interpretation = Path
			.of(System.getProperty("virtdevice.benchmarks.interpretation", "benchmarks/interpretation.md"));
		if (Files.isRegularFile(interpretation)) {
			md.append('\n').append(Files.readString(interpretation).trim()).append('\n');
		}
		md.append("\n_Written by `com.virtdevice.benchmarks.Benchmarks` at ").append(Instant.now()).append("._\n");
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, md.toString());
	}

}
