package com.virtdevice.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;

/**
 * One of the hub's own JSON Schemas in {@code docs/schemas} — what the hub sends, written
 * from docs/contract.md — loaded as the draft its {@code $schema} names. Unlike the
 * official reference files ({@link ReferenceFiles}) these are part of every clone, so
 * tests that use them always run.
 */
public final class ContractSchema {

	/** The {@code Alexa.ChangeReport} alexa-subscriber sends (docs/contract.md §7.2). */
	public static final String ALEXA_CHANGE_REPORT = "alexa-change-report.schema.json";

	/** The answer to an IFTTT trigger poll (docs/contract.md §7.5). */
	public static final String IFTTT_TRIGGER_RESPONSE = "ifttt-trigger-response.schema.json";

	/** The body of an IFTTT Realtime API notification (docs/contract.md §7.4). */
	public static final String IFTTT_REALTIME_NOTIFICATION = "ifttt-realtime-notification.schema.json";

	private static final Path SCHEMAS = Path.of("docs", "schemas");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Map<String, ContractSchema> loaded = new ConcurrentHashMap<>();

	private final Path file;

	private final JsonSchema schema;

	private ContractSchema(Path file) {
		this.file = file;
		try (InputStream in = Files.newInputStream(file)) {
			JsonNode node = JSON.readTree(in);
			VersionFlag draft = SpecVersionDetector.detect(node);
			this.schema = JsonSchemaFactory.getInstance(draft).getSchema(node);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The schema of that name in {@code docs/schemas} of the clone the working directory
	 * is in.
	 * @throws IllegalStateException when there is no such file above the working
	 * directory
	 */
	public static ContractSchema named(String fileName) {
		return loaded.computeIfAbsent(fileName, (name) -> new ContractSchema(find(name)));
	}

	/** What is wrong with this JSON by the schema; empty when it is valid. */
	public Set<String> errors(String json) {
		try {
			return this.schema.validate(JSON.readTree(json))
				.stream()
				.map(ValidationMessage::getMessage)
				.collect(Collectors.toCollection(TreeSet::new));
		}
		catch (IOException ex) {
			return Set.of("not JSON: " + ex.getMessage());
		}
	}

	private static Path find(String fileName) {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve(SCHEMAS).resolve(fileName);
			if (Files.isRegularFile(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException(SCHEMAS.resolve(fileName) + " not found above " + Path.of("").toAbsolutePath());
	}

	@Override
	public String toString() {
		return this.file.toString();
	}

}
