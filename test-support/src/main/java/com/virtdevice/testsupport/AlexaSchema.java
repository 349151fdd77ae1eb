package com.virtdevice.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Amazon's Smart Home message schema (draft-04) from the reference files (see
 * {@link ReferenceFiles}: skipped with a {@code SKIPPED} line where absent, an error when
 * required), to check that the ChangeReports the hub sends are valid. The hub's own
 * ChangeReport schema, always present, is {@link ContractSchema#ALEXA_CHANGE_REPORT}.
 */
public final class AlexaSchema {

	private static final String FILE = "alexa/alexa_smart_home_message_schema.json";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static volatile Optional<JsonSchema> schema;

	private AlexaSchema() {
	}

	/** The reference file, if this checkout has it beside it. */
	public static Optional<Path> file() {
		return ReferenceFiles.find(FILE);
	}

	public static boolean isPresent() {
		return schema().isPresent();
	}

	/** The validation errors of a message; empty when valid. */
	public static Set<ValidationMessage> errors(String message) {
		JsonSchema loaded = schema().orElseThrow(() -> new IllegalStateException(FILE + " not found"));
		try {
			return loaded.validate(JSON.readTree(message));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Optional<JsonSchema> schema() {
		if (schema == null) {
			synchronized (AlexaSchema.class) {
				if (schema == null) {
					schema = file().map(AlexaSchema::load);
				}
			}
		}
		return schema;
	}

	private static JsonSchema load(Path path) {
		try (InputStream in = Files.newInputStream(path)) {
			return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
