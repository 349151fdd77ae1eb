package com.virtdevice.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.SpecVersionDetector;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/asyncapi.yaml} is a valid AsyncAPI 3.0 document (checked against the
 * official schema), names exactly the channels {@link Channels} builds, declares the JSON
 * Schema draft its payload schema is written in, and its example messages are events the
 * codec reads and the event schema, validated by that draft, accepts.
 */
class AsyncApiDocumentTest {

	private static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");

	private static final Path DOCS = Path.of("..", "docs");

	/**
	 * The JSON Schema {@code schemaFormat}s of AsyncAPI 3.0 (the ones every tool must
	 * support) and the draft each names.
	 */
	private static final Map<String, VersionFlag> JSON_SCHEMA_FORMATS = Map.of(
			"application/schema+json;version=draft-07", VersionFlag.V7, "application/schema+yaml;version=draft-07",
			VersionFlag.V7);

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
	void everyPayloadSchemaIsWrittenInTheDraftItsSchemaFormatDeclares() throws IOException {
		Set<String> schemaFiles = new TreeSet<>();
		for (JsonNode message : this.document.path("components").path("messages")) {
			JsonNode payload = message.path("payload");
			String format = payload.path("schemaFormat").asText();
			assertThat(JSON_SCHEMA_FORMATS).as(message.path("name").asText()).containsKey(format);
			JsonNode schema = readSchema(payload);
			assertThat(SpecVersionDetector.detect(schema)).as("$schema of the schema declared as " + format)
				.isEqualTo(JSON_SCHEMA_FORMATS.get(format));
			schemaFiles.add(payload.path("schema").path("$ref").asText());
		}
		assertThat(schemaFiles).containsExactly("./schemas/device-state-event.schema.json");
	}

	@Test
	void everyExampleIsAnEventTheCodecReadsAndTheSchemaAccepts() throws IOException {
		EventCodec codec = new EventCodec();
		List<String> checked = new ArrayList<>();

		for (Map.Entry<String, JsonNode> message : this.document.path("components").path("messages").properties()) {
			String type = message.getValue().path("name").asText();
			JsonSchema eventSchema = declaredSchema(message.getValue().path("payload"));
			for (JsonNode example : message.getValue().path("examples")) {
				JsonNode payload = example.path("payload");
				assertThat(eventSchema.validate(payload)).as(message.getKey()).isEmpty();
				DeviceStateEvent event = codec.decode(payload.toString());
				assertThat(event.type().wireName()).isEqualTo(type);
				checked.add(type);
			}
		}

		assertThat(checked).contains("property_changed", "device_created", "device_deleted");
	}

	/** The payload's schema, loaded as the draft its {@code schemaFormat} declares. */
	private JsonSchema declaredSchema(JsonNode payload) throws IOException {
		VersionFlag draft = JSON_SCHEMA_FORMATS.get(payload.path("schemaFormat").asText());
		assertThat(draft).as("schemaFormat " + payload.path("schemaFormat")).isNotNull();
		return JsonSchemaFactory.getInstance(draft).getSchema(readSchema(payload));
	}

	private JsonNode readSchema(JsonNode payload) throws IOException {
		String ref = payload.path("schema").path("$ref").asText();
		assertThat(ref).as("payload schema reference").startsWith("./schemas/");
		try (InputStream in = Files.newInputStream(DOCS.resolve(ref))) {
			return this.json.readTree(in);
		}
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
