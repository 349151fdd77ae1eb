package com.virtdevice.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Finds the outside reference data — Amazon's Alexa message schema, IFTTT's service API
 * definition — in the directory named by {@value #DIRECTORY_ENV}, else in a
 * {@code shared/reference} directory above the working directory. The files are not part
 * of the repository (they are not ours to redistribute), so a clone may lack them: then
 * the checks against them are skipped, and each missing file is named once in a
 * {@code SKIPPED} line on standard output. With {@value #REQUIRED_ENV}{@code =true} (as
 * CI sets it) a missing file is an error instead, so those checks cannot silently stop
 * running. The hub's own schemas ({@link ContractSchema}) are checked either way.
 */
public final class ReferenceFiles {

	/**
	 * Names the reference directory explicitly (for checkouts without it beside them).
	 */
	public static final String DIRECTORY_ENV = "VIRTDEVICE_REFERENCE_DIR";

	/** {@code true}: a missing reference file fails the test that needs it. */
	public static final String REQUIRED_ENV = "VIRTDEVICE_REFERENCE_REQUIRED";

	private static final Path REFERENCE = Path.of("shared", "reference");

	private static final Set<String> reportedMissing = ConcurrentHashMap.newKeySet();

	private ReferenceFiles() {
	}

	/**
	 * A reference file, e.g. {@code alexa/alexa_smart_home_message_schema.json}, if found
	 * in {@value #DIRECTORY_ENV} or in {@code shared/reference} of the working directory
	 * or one of its parents.
	 * @throws IllegalStateException when it is missing and {@value #REQUIRED_ENV} is
	 * {@code true}
	 */
	public static Optional<Path> find(String relativePath) {
		return find(relativePath, System.getenv(), Path.of("").toAbsolutePath());
	}

	/** {@link #find(String)} in this environment, from this working directory. */
	static Optional<Path> find(String relativePath, Map<String, String> env, Path workingDirectory) {
		Optional<Path> found = locate(relativePath, env.get(DIRECTORY_ENV), workingDirectory);
		if (found.isEmpty()) {
			missing(relativePath, env, workingDirectory);
		}
		return found;
	}

	private static Optional<Path> locate(String relativePath, @Nullable String given, Path workingDirectory) {
		if (given != null && !given.isBlank()) {
			Path candidate = Path.of(given).resolve(relativePath);
			return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
		}
		for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve(REFERENCE).resolve(relativePath);
			if (Files.isRegularFile(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	private static void missing(String relativePath, Map<String, String> env, Path workingDirectory) {
		String given = env.get(DIRECTORY_ENV);
		String where = (given != null && !given.isBlank()) ? DIRECTORY_ENV + "=" + given
				: "shared/reference above " + workingDirectory + " (" + DIRECTORY_ENV + " not set)";
		if ("true".equalsIgnoreCase(env.get(REQUIRED_ENV))) {
			throw new IllegalStateException("Reference file " + relativePath + " not found in " + where + ", and "
					+ REQUIRED_ENV + "=true requires the checks against it");
		}
		if (reportedMissing.add(relativePath)) {
			System.out.println("SKIPPED: the checks against " + relativePath + " (" + caller() + "): not found in "
					+ where + ". Set " + DIRECTORY_ENV + " to the reference directory to run " + "them; " + REQUIRED_ENV
					+ "=true makes a missing file an error.");
		}
	}

	/** The test class that asked, for the SKIPPED line. */
	private static String caller() {
		List<String> callers = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
			.walk((frames) -> frames.map(StackWalker.StackFrame::getDeclaringClass)
				.filter((type) -> type != ReferenceFiles.class && type != AlexaSchema.class)
				.map(Class::getSimpleName)
				.toList());
		return callers.stream()
			.filter((name) -> name.matches(".*(Test|Tests|IT)"))
			.findFirst()
			.orElse(callers.isEmpty() ? "test-support" : callers.get(0));
	}

}
