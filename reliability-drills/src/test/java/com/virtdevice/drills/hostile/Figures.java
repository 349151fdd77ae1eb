package com.virtdevice.drills.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A suite's figures: written as JSON to
 * {@code ${virtdevice.drills.results}/hostile-<suite>.json} and printed as one line.
 */
final class Figures {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final String suite;

	private final Map<String, Object> figures = new LinkedHashMap<>();

	private final long startedAt = System.nanoTime();

	Figures(String suite) {
		this.suite = suite;
		this.figures.put("suite", suite);
		this.figures.put("at", Instant.now().toString());
	}

	Figures put(String name, Object value) {
		this.figures.put(name, value);
		return this;
	}

	Object get(String name) {
		return this.figures.get(name);
	}

	/** Writes the figures and prints the summary line. */
	void write(String summary) {
		this.figures.put("seconds", Math.round((System.nanoTime() - this.startedAt) / 1e8) / 10.0);
		this.figures.put("summary", summary);
		Path directory = Path.of(System.getProperty("virtdevice.drills.results", "target/drills"));
		try {
			Files.createDirectories(directory);
			Files.writeString(directory.resolve("hostile-" + this.suite + ".json"),
					JSON.writeValueAsString(this.figures));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.println("[hostile-" + this.suite + "] " + summary + " (" + this.figures.get("seconds") + " s)");
	}

}
