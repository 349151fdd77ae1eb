package com.virtdevice.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps a checked-in OpenAPI document ({@code docs/openapi/<service>.json}) equal to what
 * the running service publishes at {@code /v3/api-docs}. Run the test with
 * {@code -Dvirtdevice.openapi.write=true} to rewrite the file after an intended change.
 */
public final class OpenApiDocument {

	/** Set to {@code true} to rewrite the checked-in document instead of comparing. */
	public static final String WRITE_PROPERTY = "virtdevice.openapi.write";

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private OpenApiDocument() {
	}

	/**
	 * The document in its checked-in form: keys sorted, indented, without server URLs.
	 */
	public static String normalize(String liveJson) {
		ObjectNode document = (ObjectNode) JSON.readTree(liveJson);
		document.remove("servers");
		return JSON.writeValueAsString(JSON.convertValue(document, Map.class)) + "\n";
	}

	/**
	 * The checked-in document, rewritten first when {@value #WRITE_PROPERTY} is set, for
	 * the caller to compare with {@link #normalize(String) normalize(live)}.
	 */
	public static String checkedIn(Path file, String liveJson) {
		try {
			if (Boolean.getBoolean(WRITE_PROPERTY)) {
				Files.createDirectories(file.getParent());
				Files.writeString(file, normalize(liveJson));
			}
			return Files.exists(file) ? Files.readString(file)
					: "(missing: " + file + "; run with -D" + WRITE_PROPERTY + "=true to create it)";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
