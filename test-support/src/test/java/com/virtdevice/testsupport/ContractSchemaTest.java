package com.virtdevice.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion.VersionFlag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The hub's own schemas in {@code docs/schemas} are sound, and found from any module. */
class ContractSchemaTest {

	private static final Path SCHEMAS = Path.of("..", "docs", "schemas");

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void everySchemaIsAValidDraft07Schema() throws IOException {
		List<Path> files;
		try (Stream<Path> listed = Files.list(SCHEMAS)) {
			files = listed.filter((file) -> file.toString().endsWith(".schema.json")).sorted().toList();
		}
		var draft07 = JsonSchemaFactory.getInstance(VersionFlag.V7)
			.getSchema(SchemaLocation.of(VersionFlag.V7.getId()));

		assertThat(files).extracting((file) -> file.getFileName().toString())
			.contains(ContractSchema.ALEXA_CHANGE_REPORT, ContractSchema.IFTTT_TRIGGER_RESPONSE,
					ContractSchema.IFTTT_REALTIME_NOTIFICATION, "device-state-event.schema.json");
		for (Path file : files) {
			JsonNode schema = read(file);
			assertThat(schema.path("$schema").asText()).as(file.toString())
				.isEqualTo("http://json-schema.org/draft-07/schema#");
			assertThat(draft07.validate(schema)).as(file.toString()).isEmpty();
		}
	}

	@Test
	void theRealtimeSchemaTakesOneKindOfIdPerEntryAndAtMostAThousand() {
		ContractSchema realtime = ContractSchema.named(ContractSchema.IFTTT_REALTIME_NOTIFICATION);

		assertThat(realtime.errors("{\"data\":[{\"trigger_identity\":\"a1\"},{\"user_id\":\"alice\"}]}")).isEmpty();
		assertThat(realtime.errors("{\"data\":[]}")).isNotEmpty();
		assertThat(realtime.errors("{\"data\":[{\"trigger_identity\":\"a1\",\"user_id\":\"alice\"}]}")).isNotEmpty();
		assertThat(realtime.errors("{\"data\":[{\"user_id\":\"alice\",\"event\":{}}]}")).isNotEmpty();
		assertThat(realtime.errors("{\"data\":[" + "{\"user_id\":\"u\"},".repeat(1000) + "{\"user_id\":\"u\"}]}"))
			.isNotEmpty();
		assertThat(realtime.errors("{broken")).isNotEmpty();
	}

	@Test
	void anUnknownSchemaIsAnError() {
		assertThatIllegalStateException().isThrownBy(() -> ContractSchema.named("no-such.schema.json"))
			.withMessageContaining("docs/schemas/no-such.schema.json not found");
	}

	private JsonNode read(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return this.json.readTree(in);
		}
	}

}
