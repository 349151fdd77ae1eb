package com.virtdevice.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/asyncapi.yaml} is a valid AsyncAPI 3.0 document (checked against the
 * official schema), names exactly the channels {@link Channels} builds, and its example
 * messages are events the codec reads and the event schema accepts.
 */
class AsyncApiDocumentTest {

	private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");

	private static final Path EVENT_SCHEMA = Path.of("..", "docs", "schemas", "device-state-event.schema.json");

	private final ObjectMapper json = new ObjectMapper();

	private final JsonNode document = load();

	@Test
	void isAValidAsyncApi30Document() throws IOException {
		JsonSchema asyncApi;
		try (InputStream schema = getClass().getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
			asyncApi = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
		}

		assertThat(asyncApi.validate(this.document)).isEmpty();
		assertThat(this.document.path("asyncapi").asText()).isEqualTo("3.0.0");
	}

	@Test
	void namesTheChannelsTheCodeUses() {
		Channels channels = Channels.standard();
		JsonNode documented = this.document.path("channels");

		assertThat(documented.path("deviceState").path("address").asText())
			.isEqualTo(channels.deviceState("{deviceId}"));
		assertThat(documented.path("userEvents").path("address").asText()).isEqualTo(channels.userEvents("{userId}"));
		assertThat(documented.path("globalEvents").path("address").asText()).isEqualTo(channels.globalEvents());
		assertThat(documented.fieldNames()).toIterable()
			.containsExactlyInAnyOrder("deviceState", "userEvents", "globalEvents");
	}

	@Test
	void everyExampleIsAnEventTheCodecReadsAndTheSchemaAccepts() throws IOException {
		JsonSchema eventSchema;
		try (InputStream schema = Files.newInputStream(EVENT_SCHEMA)) {
			eventSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
		}
		EventCodec codec = new EventCodec();
		List<String> checked = new ArrayList<>();

		this.document.path("components").path("messages").fields().forEachRemaining((message) -> {
			String type = message.getValue().path("name").asText();
			for (JsonNode example : message.getValue().path("examples")) {
				JsonNode payload = example.path("payload");
				assertThat(eventSchema.validate(payload)).as(message.getKey()).isEmpty();
				DeviceStateEvent event = codec.decode(payload.toString());
				assertThat(event.type().wireName()).isEqualTo(type);
				checked.add(type);
			}
		});

		assertThat(checked).contains("property_changed", "device_created", "device_deleted");
	}

	private JsonNode load() {
		try {
			Map<String, Object> yaml = new Yaml().load(Files.readString(DOCUMENT));
			return this.json.valueToTree(yaml);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
