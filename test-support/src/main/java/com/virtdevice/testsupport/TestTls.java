package com.virtdevice.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test certificate and key ({@code virtdevice-test-tls/} on the class path; for tests
 * only), as files for servers that need a path.
 */
public final class TestTls {

	/** The class path location of the certificate, for a Spring Boot PEM SSL bundle. */
	public static final String CERTIFICATE = "classpath:virtdevice-test-tls/redis-test.crt";

	private static final Map<String, Path> files = new ConcurrentHashMap<>();

	private TestTls() {
	}

	/** One of the files, copied once to a temporary file (deleted at exit). */
	static Path file(String name) {
		return files.computeIfAbsent(name, TestTls::copy);
	}

	private static Path copy(String name) {
		try (InputStream in = TestTls.class.getResourceAsStream("/virtdevice-test-tls/" + name)) {
			if (in == null) {
				throw new IllegalStateException("virtdevice-test-tls/" + name + " is missing from the class path");
			}
			Path file = Files.createTempFile("virtdevice-test-tls-", "-" + name);
			file.toFile().deleteOnExit();
			Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
