package com.virtdevice.drills.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures of one drill — events sent, then for each consumer received, lost and
 * duplicated, and the recovery time — written as JSON to
 * {@code ${virtdevice.drills.results}/<drill>.json} and printed as one line.
 */
public final class DrillReport {

	private final String drill;

	private final ObjectNode json = JsonMapper.shared().createObjectNode();

	private final ObjectNode consumers;

	private final ObjectNode figures;

	private final Map<String, long[]> lossAndDuplicates = new LinkedHashMap<>();

	private long sent;

	private DrillReport(String drill) {
		this.drill = drill;
		this.json.put("drill", drill);
		this.json.put("finishedAt", Instant.now().toString());
		this.consumers = this.json.putObject("consumers");
		this.figures = this.json.putObject("figures");
	}

	public static DrillReport of(String drill) {
		return new DrillReport(drill);
	}

	/** The events the publisher committed during the drill. */
	public DrillReport sent(long events) {
		this.sent = events;
		this.json.put("sent", events);
		return this;
	}

	/** A consumer's result against the committed events. */
	public DrillReport consumer(Arrivals arrivals, Collection<UUID> expected) {
		long received = arrivals.receivedOf(expected);
		long duplicated = arrivals.duplicatedOf(expected);
		ObjectNode node = this.consumers.putObject(arrivals.consumer());
		node.put("received", received);
		node.put("lost", expected.size() - received);
		node.put("duplicated", duplicated);
		this.lossAndDuplicates.put(arrivals.consumer(), new long[] { expected.size() - received, duplicated });
		return this;
	}

	/** A consumer's result counted in some other way (e.g. reports, not events). */
	public DrillReport consumer(String name, Map<String, Object> values) {
		ObjectNode node = this.consumers.putObject(name);
		values.forEach((key, value) -> node.putPOJO(key, value));
		return this;
	}

	/** How long the hub took to recover from the fault. */
	public DrillReport recovery(Duration time) {
		this.json.put("recoverySeconds", Math.round(time.toMillis() / 100.0) / 10.0);
		return this;
	}

	/** Any other figure of the drill. */
	public DrillReport figure(String name, Object value) {
		this.figures.putPOJO(name, value);
		return this;
	}

	/** Writes the JSON file and prints the one-line summary. */
	public DrillReport write() {
		Path directory = Path.of(System.getProperty("virtdevice.drills.results", "target/drills"));
		try {
			Files.createDirectories(directory);
			Files.writeString(directory.resolve(this.drill + ".json"),
					JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(this.json));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		StringBuilder line = new StringBuilder("DRILL ").append(this.drill).append(": sent ").append(this.sent);
		this.consumers.properties().forEach((entry) -> {
			JsonNode consumer = entry.getValue();
			line.append(", ").append(entry.getKey());
			if (consumer.has("received")) {
				line.append(" ")
					.append(consumer.path("received").asString())
					.append(" received/")
					.append(consumer.path("lost").asString())
					.append(" lost/")
					.append(consumer.path("duplicated").asString())
					.append(" dup");
			}
			else {
				line.append(" ").append(consumer);
			}
		});
		if (this.json.has("recoverySeconds")) {
			line.append(", recovery ").append(this.json.path("recoverySeconds").asString()).append(" s");
		}
		this.figures.properties()
			.forEach((
					entry) -> line.append(", ").append(entry.getKey()).append(" ").append(entry.getValue().toString()));
		System.out.println(line);
		return this;
	}

	/** Fails unless every consumer got every event exactly once. */
	public void assertNothingLostOrDuplicated() {
		this.lossAndDuplicates.forEach((consumer, counts) -> {
			assertThat(counts[0]).as(consumer + ": events lost").isZero();
			assertThat(counts[1]).as(consumer + ": events duplicated").isZero();
		});
	}

}
