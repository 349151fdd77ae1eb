package com.virtdevice.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the local stack starts services with class data sharing, on a copy of a real
 * service jar: extracted once, the first run records the archive, a graceful stop keeps
 * it, a killed run leaves nothing, later runs use it, a changed jar starts over, and the
 * switch turns it all off. (That the JVM really maps the archive, and how much faster the
 * hub starts, is measured in docs/local-stack.md.)
 */
class ClassDataSharingIT {

	@TempDir
	Path services;

	private Path jar;

	@BeforeEach
	void copyAServiceJar() throws Exception {
		Path built = Path.of(System.getProperty("virtdevice.local-stack.services")).resolve("ifttt-subscriber.jar");
		this.jar = Files.copy(built, this.services.resolve("ifttt-subscriber.jar"));
	}

	@Test
	void theFirstRunRecordsAndAGracefulStopKeepsTheArchiveForLaterRuns() throws Exception {
		ClassDataSharing sharing = new ClassDataSharing(this.services);

		ClassDataSharing.Launch first = sharing.prepare("ifttt-subscriber", this.jar, "ifttt-subscriber");

		assertThat(first.records()).isTrue();
		assertThat(first.jar()).isRegularFile().hasFileName("ifttt-subscriber.jar").isNotEqualTo(this.jar);
		assertThat(first.jar().resolveSibling("lib")).isDirectoryContaining("glob:**/spring-core-*.jar");
		assertThat(first.javaOptions()).contains("-XX:ArchiveClassesAtExit=" + first.recording());
		Files.write(first.recording(), new byte[] { 1, 2, 3 });
		assertThat(sharing.keepRecording(first, 143)).isTrue();

		ClassDataSharing.Launch next = sharing.prepare("ifttt-subscriber", this.jar, "ifttt-subscriber");
		assertThat(next.records()).isFalse();
		assertThat(next.jar()).isEqualTo(first.jar());
		assertThat(next.javaOptions()).containsExactly("-XX:SharedArchiveFile=" + first.archive());
		assertThat(first.archive()).isRegularFile();
	}

	@Test
	void aKilledRunLeavesNoArchiveAndOnlyTheFirstKeptRecordingCounts() throws Exception {
		ClassDataSharing sharing = new ClassDataSharing(this.services);
		ClassDataSharing.Launch killed = sharing.prepare("ifttt-subscriber", this.jar, "ifttt-subscriber");
		ClassDataSharing.Launch second = sharing.prepare("ifttt-subscriber", this.jar, "ifttt-subscriber-2");
		ClassDataSharing.Launch third = sharing.prepare("ifttt-subscriber", this.jar, "ifttt-subscriber-3");
		for (ClassDataSharing.Launch launch : new ClassDataSharing.Launch[] { killed, second, third }) {
			Files.write(launch.recording(), new byte[] { 1 });
		}

		assertThat(sharing.keepRecording(killed, 137)).isFalse();
		assertThat(sharing.keepRecording(second, 143)).isTrue();
		assertThat(sharing.keepRecording(third, 0)).as("an archive is already kept").isFalse();

		assertThat(killed.recording()).doesNotExist();
		assertThat(third.recording()).doesNotExist();
		assertThat(Files.readAllBytes(second.archive())).containsExactly(1);
	}

	@Test
	void aChangedJarStartsOverAndTheOlderDirectoryIsDeleted() throws Exception {
		ClassDataSharing sharing = new ClassDataSharing(this.services);
		ClassDataSharing.Launch before = sharing.prepare("ifttt-subscriber", this.jar, "ifttt-subscriber");
		Files.write(before.recording(), new byte[] { 1 });
		sharing.keepRecording(before, 143);

		Files.copy(Path.of(System.getProperty("virtdevice.local-stack.services")).resolve("activity-log.jar"), this.jar,
				StandardCopyOption.REPLACE_EXISTING);
		ClassDataSharing.Launch after = sharing.prepare("ifttt-subscriber", this.jar, "ifttt-subscriber");

		assertThat(after.records()).isTrue();
		assertThat(after.jar().getParent()).isNotEqualTo(before.jar().getParent());
		assertThat(before.jar().getParent()).doesNotExist();
	}

	@Test
	void anUnchangedJarWithANewTimeKeepsItsArchive() throws Exception {
		ClassDataSharing sharing = new ClassDataSharing(this.services);
		ClassDataSharing.Launch before = sharing.prepare("ifttt-subscriber", this.jar, "ifttt-subscriber");
		Files.write(before.recording(), new byte[] { 1 });
		sharing.keepRecording(before, 143);

		Files.setLastModifiedTime(this.jar, FileTime.from(Instant.now().plusSeconds(60)));
		ClassDataSharing.Launch after = sharing.prepare("ifttt-subscriber", this.jar, "ifttt-subscriber");

		assertThat(after.records()).isFalse();
		assertThat(after.javaOptions()).containsExactly("-XX:SharedArchiveFile=" + before.archive());
	}

	@Test
	void canBeTurnedOff() {
		String previous = System.setProperty(ClassDataSharing.ENABLED_PROPERTY, "false");
		try {
			ClassDataSharing.Launch launch = new ClassDataSharing(this.services).prepare("ifttt-subscriber", this.jar,
					"ifttt-subscriber");

			assertThat(launch.jar()).isEqualTo(this.jar);
			assertThat(launch.javaOptions()).isEmpty();
			assertThat(launch.records()).isFalse();
		}
		finally {
			if (previous != null) {
				System.setProperty(ClassDataSharing.ENABLED_PROPERTY, previous);
			}
			else {
				System.clearProperty(ClassDataSharing.ENABLED_PROPERTY);
			}
		}
	}

	@Test
	void aJarThatCannotBeExtractedRunsAsBuilt() throws Exception {
		Path broken = Files.writeString(this.services.resolve("activity-log.jar"), "not a jar");

		ClassDataSharing.Launch launch = new ClassDataSharing(this.services).prepare("activity-log", broken,
				"activity-log");

		assertThat(launch.jar()).isEqualTo(broken);
		assertThat(launch.javaOptions()).isEmpty();
		assertThat(launch.description()).startsWith("no class data sharing: extracting activity-log.jar failed");
	}

}
