package com.virtdevice.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the outside reference data — Amazon's Alexa message schema, IFTTT's service API
 * definition — in the directory named by {@value #DIRECTORY_ENV}, else in a
 * {@code shared/reference} directory above the working directory. The files are never
 * copied into the project; tests that validate against them skip (and say why) where
 * neither exists.
 */
public final class ReferenceFiles {

	/**
	 * Names the reference directory explicitly (for checkouts without it beside them).
	 */
	public static final String DIRECTORY_ENV = "VIRTDEVICE_REFERENCE_DIR";

	private static final Path REFERENCE = Path.of("shared", "reference");

	private ReferenceFiles() {
	}

	/**
	 * A reference file, e.g. {@code alexa/alexa_smart_home_message_schema.json}, if found
	 * in {@code shared/reference} of the working directory or one of its parents.
	 */
	public static Optional<Path> find(String relativePath) {
		String given = System.getenv(DIRECTORY_ENV);
		if (given != null && !given.isBlank()) {
			Path candidate = Path.of(given).resolve(relativePath);
			return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
		}
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve(REFERENCE).resolve(relativePath);
			if (Files.isRegularFile(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

}
