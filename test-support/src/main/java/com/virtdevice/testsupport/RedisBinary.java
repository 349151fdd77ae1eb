package com.virtdevice.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a real {@code redis-server} binary: the one named by
 * {@code VIRTDEVICE_REDIS_SERVER}, else one on the {@code PATH}, else the Redis 6.2
 * binary shipped in {@code com.github.codemonstur:embedded-redis}, extracted once per
 * JVM.
 */
final class RedisBinary {

	private static final Logger log = LoggerFactory.getLogger(RedisBinary.class);

	private static volatile Path located;

	private RedisBinary() {
	}

	static synchronized Path locate() {
		if (located == null) {
			located = fromEnvironment().or(RedisBinary::fromPath).orElseGet(RedisBinary::extractEmbedded);
			log.info("Using redis-server at {}", located);
		}
		return located;
	}

	private static Optional<Path> fromEnvironment() {
		return Optional.ofNullable(System.getenv("VIRTDEVICE_REDIS_SERVER")).map(Path::of);
	}

	private static Optional<Path> fromPath() {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		return Stream.of(path.split(File.pathSeparator))
			.map((dir) -> Path.of(dir, "redis-server"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static Path extractEmbedded() {
		String resource = embeddedResourceName();
		try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("No redis-server on the PATH and no embedded binary " + resource
						+ " for this platform; install Redis or set VIRTDEVICE_TEST_REDIS_URL");
			}
			Path target = Files.createTempFile("virtdevice-redis-server-", "");
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			target.toFile().setExecutable(true);
			target.toFile().deleteOnExit();
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot extract the embedded redis-server", ex);
		}
	}

	private static String embeddedResourceName() {
		String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
		boolean arm = arch.contains("aarch64") || arch.contains("arm");
		if (os.contains("mac")) {
			return arm ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
		}
		return arm ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
	}

}
