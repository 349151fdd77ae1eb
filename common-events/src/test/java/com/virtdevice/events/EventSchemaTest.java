package com.virtdevice.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The codec's output obeys the published JSON Schema in {@code docs/schemas} (draft-07,
 * the draft {@code docs/asyncapi.yaml} declares for it).
 */
class EventSchemaTest {

	private static final Path SCHEMA = Path.of("..", "docs", "schemas", "device-state-event.schema.json");

	private final EventCodec codec = new EventCodec();

	private final ObjectMapper json = new ObjectMapper();

	private final JsonSchema schema = load();

	@Test
	void everyKindOfEncodedEventIsValid() throws IOException {
		Instant now = Instant.parse("2026-11-27T12:00:00.5Z");
		assertValid(DeviceStateEvent.propertyChanged(UUID.randomUUID(), 1, "dev-1", "user-1", "tenant-1", "powerState",
				"OFF", "ON", ChangeSource.WEB, now));
		assertValid(DeviceStateEvent.propertyChanged(UUID.randomUUID(), 2, "dev-1", "auth0|user", "tenant-1",
				"mode:Wash.Cycle", null, "x".repeat(1024), ChangeSource.API, now));
		assertValid(DeviceStateEvent.lifecycle(EventType.DEVICE_CREATED, UUID.randomUUID(), 3, "dev-1", "user-1",
				"tenant-1", ChangeSource.API, now));
		assertValid(DeviceStateEvent.lifecycle(EventType.DEVICE_DELETED, UUID.randomUUID(), Long.MAX_VALUE,
				"d".repeat(128), "u", "t", ChangeSource.ALEXA, now));
	}

	@Test
	void theSchemaRejectsWhatTheCodecRejects() throws IOException {
		String valid = this.codec.encodeToString(DeviceStateEvent.propertyChanged(UUID.randomUUID(), 1, "dev-1",
				"user-1", "tenant-1", "powerState", "OFF", "ON", ChangeSource.WEB, Instant.now()));

		assertThat(errors(valid.replace("\"web\"", "\"voice\""))).isNotEmpty();
		assertThat(errors(valid.replace("\"dev-1\"", "\"dev:1\""))).isNotEmpty();
		assertThat(errors(valid.replace("\"sequence\":1", "\"sequence\":0"))).isNotEmpty();
		assertThat(errors(valid.replace("\"powerState\"", "null"))).isNotEmpty();
		assertThat(errors(valid.replace("property_changed", "device_created"))).isNotEmpty();
		assertThat(errors(valid.replaceAll("\\.\\d{3}Z", "Z"))).isNotEmpty();
	}

	private void assertValid(DeviceStateEvent event) throws IOException {
		assertThat(errors(this.codec.encodeToString(event))).isEmpty();
	}

	private Set<ValidationMessage> errors(String event) throws IOException {
		JsonNode node = this.json.readTree(event);
		return this.schema.validate(node);
	}

	private static JsonSchema load() {
		try (InputStream in = Files.newInputStream(SCHEMA)) {
			return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + SCHEMA.toAbsolutePath(), ex);
		}
	}

}
