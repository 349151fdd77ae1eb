package com.virtdevice.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Where the outside reference files are looked for, and what happens when they are not
 * there.
 */
class ReferenceFilesTest {

	private static final String FILE = "ifttt/service-api.yaml";

	@TempDir
	Path root;

	@Test
	void findsTheFileInSharedReferenceAboveTheWorkingDirectory() throws IOException {
		Path file = write(this.root.resolve("shared/reference").resolve(FILE));
		Path module = Files.createDirectories(this.root.resolve("clone/ifttt-subscriber"));

		assertThat(ReferenceFiles.find(FILE, Map.of(), module)).contains(file);
	}

	@Test
	void theNamedDirectoryWinsOverSharedReference() throws IOException {
		write(this.root.resolve("shared/reference").resolve(FILE));
		Path named = write(this.root.resolve("elsewhere").resolve(FILE));

		assertThat(ReferenceFiles.find(FILE,
				Map.of(ReferenceFiles.DIRECTORY_ENV, this.root.resolve("elsewhere").toString()), this.root))
			.contains(named);
	}

	@Test
	void aMissingFileIsSkippedWithASkippedLine() {
		String printed = stdoutOf(() -> assertThat(
				ReferenceFiles.find("alexa/missing-" + System.nanoTime() + ".json", Map.of(), this.root))
			.isEmpty());

		assertThat(printed).startsWith("SKIPPED: the checks against alexa/missing-")
			.contains("(ReferenceFilesTest)")
			.contains(this.root.toString())
			.contains(ReferenceFiles.DIRECTORY_ENV);
	}

	@Test
	void aMissingFileFailsWhenReferenceFilesAreRequired() {
		Map<String, String> ci = Map.of(ReferenceFiles.REQUIRED_ENV, "true");

		assertThatIllegalStateException().isThrownBy(() -> ReferenceFiles.find(FILE, ci, this.root))
			.withMessageContaining(FILE)
			.withMessageContaining(ReferenceFiles.REQUIRED_ENV + "=true");
		assertThatIllegalStateException()
			.isThrownBy(
					() -> ReferenceFiles.find(FILE,
							Map.of(ReferenceFiles.REQUIRED_ENV, "true", ReferenceFiles.DIRECTORY_ENV,
									this.root.toString()),
							this.root))
			.withMessageContaining(ReferenceFiles.DIRECTORY_ENV + "=" + this.root);
	}

	@Test
	void aPresentFileIsFoundWhenRequired() throws IOException {
		Path file = write(this.root.resolve("shared/reference").resolve(FILE));

		assertThat(ReferenceFiles.find(FILE, Map.of(ReferenceFiles.REQUIRED_ENV, "true"), this.root))
			.isEqualTo(Optional.of(file));
	}

	private static Path write(Path file) throws IOException {
		Files.createDirectories(file.getParent());
		return Files.writeString(file, "openapi: 3.0.0\n");
	}

	private static String stdoutOf(Runnable action) {
		PrintStream original = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			action.run();
		}
		finally {
			System.setOut(original);
		}
		return captured.toString(StandardCharsets.UTF_8);
	}

}
