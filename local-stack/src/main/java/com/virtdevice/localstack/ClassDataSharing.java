package com.virtdevice.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Faster service starts from the second start on, with the JVM's class data sharing (the
 * way Spring Boot documents it): each service jar is extracted once (Spring Boot's
 * {@code jarmode=tools extract}; the JVM can only share classes from plain jars), its
 * first run records the classes it loaded into an archive when it stops
 * ({@code -XX:ArchiveClassesAtExit}, which adds a few seconds to that stop), and later
 * runs map that archive ({@code -XX:SharedArchiveFile}) instead of loading, parsing and
 * verifying some 20,000 classes again. On 2 cores a service then becomes healthy in about
 * half the time.
 * <p>
 * Everything lives under {@code <services>/.class-data-sharing/<service>-<key>}, where
 * the key covers the service jar's content and the JVM, so a changed jar or another JDK
 * gets a fresh directory and older ones are deleted. An archive is kept only from a run
 * that stopped gracefully (exit code 143 after SIGTERM, or 0); a run that was killed
 * leaves none. If the JVM finds an archive unusable it says so in the service's log and
 * starts without it. {@code -Dvirtdevice.local-stack.class-data-sharing=false} (or the
 * environment variable {@code VIRTDEVICE_CLASS_DATA_SHARING=false}) turns all of this
 * off: services then run from their jars as built.
 */
final class ClassDataSharing {

	static final String ENABLED_PROPERTY = "virtdevice.local-stack.class-data-sharing";

	static final String ENABLED_VARIABLE = "VIRTDEVICE_CLASS_DATA_SHARING";

	private static final String ARCHIVE = "classes.jsa";

	private static final Set<Integer> GRACEFUL_EXIT = Set.of(0, 143);

	private final Path root;

	private final boolean enabled;

	ClassDataSharing(Path servicesDirectory) {
		this.root = servicesDirectory.resolve(".class-data-sharing");
		String setting = System.getProperty(ENABLED_PROPERTY, System.getenv(ENABLED_VARIABLE));
		this.enabled = !"false".equalsIgnoreCase(setting);
	}

	/**
	 * How to start one instance of a service: from its extracted jar, with the archive of
	 * an earlier run or recording one. Falls back to the built jar (and says why) if it
	 * cannot be extracted.
	 * @param service the service, e.g. {@code event-publisher}
	 * @param builtJar its executable jar as built
	 * @param instance the instance's name, unique in the stack
	 */
	Launch prepare(String service, Path builtJar, String instance) {
		if (!this.enabled) {
			return Launch.plain(builtJar, "class data sharing off");
		}
		try {
			Path directory = this.root.resolve(service + "-" + key(builtJar));
			Path jar = directory.resolve(builtJar.getFileName());
			if (!Files.isRegularFile(jar)) {
				extract(builtJar, directory);
				deleteOlderDirectories(service, directory);
			}
			Path archive = directory.resolve(ARCHIVE);
			if (Files.isRegularFile(archive)) {
				return new Launch(jar, List.of("-XX:SharedArchiveFile=" + archive), null, archive,
						"class data sharing archive of an earlier run");
			}
			Path recording = directory.resolve("recording-" + instance + "-" + UUID.randomUUID() + ".jsa");
			// -Xlog: not a warning per class the archive leaves out (optional
			// dependencies)
			return new Launch(jar, List.of("-XX:ArchiveClassesAtExit=" + recording, "-Xlog:cds=error"), recording,
					archive, "first start of this build: recording a class data sharing archive for later starts, "
							+ "written when it stops");
		}
		catch (IOException | RuntimeException ex) {
			return Launch.plain(builtJar, "no class data sharing: " + ex.getMessage());
		}
	}

	/**
	 * After an instance has stopped: keeps the archive it recorded if it stopped
	 * gracefully and no other instance kept one first; deletes it otherwise.
	 * @return whether the archive was kept
	 */
	boolean keepRecording(Launch launch, @Nullable Integer exitCode) {
		Path recording = launch.recording();
		Path archive = launch.archive();
		if (recording == null || archive == null) {
			return false;
		}
		try {
			if (exitCode != null && GRACEFUL_EXIT.contains(exitCode) && Files.isRegularFile(recording)
					&& Files.size(recording) > 0 && !Files.exists(archive)) {
				Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE);
				return true;
			}
			Files.deleteIfExists(recording);
		}
		catch (IOException ex) {
			deleteQuietly(recording);
		}
		return false;
	}

	/**
	 * Spring Boot's own extraction into a fresh directory, moved into place only when
	 * complete, so a concurrent or interrupted start never sees half of it.
	 */
	private static void extract(Path builtJar, Path directory) throws IOException {
		Files.createDirectories(directory.getParent());
		Path partial = directory.resolveSibling(directory.getFileName() + ".partial-" + UUID.randomUUID());
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Path output = Files.createTempFile("virtdevice-extract-", ".log");
		try {
			Process extraction = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar",
					builtJar.toAbsolutePath().toString(), "extract", "--destination", partial.toString())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!extraction.waitFor(120, TimeUnit.SECONDS)) {
				extraction.destroyForcibly();
				throw new IOException("extracting " + builtJar.getFileName() + " took over 120 s");
			}
			if (extraction.exitValue() != 0) {
				throw new IOException("extracting " + builtJar.getFileName() + " failed: "
						+ Files.readString(output, StandardCharsets.UTF_8).strip());
			}
			try {
				Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | DirectoryNotEmptyException ex) {
				// another start extracted the same jar meanwhile
				deleteQuietly(partial);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while extracting " + builtJar.getFileName(), ex);
		}
		finally {
			Files.deleteIfExists(output);
			deleteQuietly(partial);
		}
	}

	/**
	 * The directories of earlier builds of the service (a running JVM keeps what it has
	 * open or mapped).
	 */
	private void deleteOlderDirectories(String service, Path current) throws IOException {
		try (Stream<Path> directories = Files.list(this.root)) {
			directories.filter((directory) -> directory.getFileName().toString().matches(service + "-[0-9a-f]{16}"))
				.filter((directory) -> !directory.equals(current))
				.forEach(ClassDataSharing::deleteQuietly);
		}
	}

	/**
	 * The jar's content and the JVM's version and home, hashed. (The build is
	 * reproducible, so rebuilding unchanged sources keeps the key.)
	 */
	private static String key(Path builtJar) throws IOException {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (InputStream jar = Files.newInputStream(builtJar)) {
				byte[] buffer = new byte[1 << 16];
				for (int read = jar.read(buffer); read >= 0; read = jar.read(buffer)) {
					digest.update(buffer, 0, read);
				}
			}
			digest.update(("|" + System.getProperty("java.vm.version") + "|" + System.getProperty("java.home"))
				.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest(), 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void deleteQuietly(Path path) {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> tree = Files.walk(path)) {
			tree.sorted(Comparator.reverseOrder()).forEach((file) -> {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					// left for the next clean
				}
			});
		}
		catch (IOException | UncheckedIOException ex) {
			// left for the next clean
		}
	}

	/**
	 * How one instance starts.
	 *
	 * @param jar the jar to run
	 * @param javaOptions JVM options to add
	 * @param recording where this run records its archive, or {@code null}
	 * @param archive where the service's archive is kept
	 * @param description what is used, for the start-up log
	 */
	record Launch(Path jar, List<String> javaOptions, @Nullable Path recording, @Nullable Path archive,
			String description) {

		static Launch plain(Path jar, String description) {
			return new Launch(jar, List.of(), null, null, description);
		}

		boolean records() {
			return this.recording != null;
		}

	}

}
