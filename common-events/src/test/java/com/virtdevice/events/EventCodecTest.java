package com.virtdevice.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventCodecTest {

	private static final UUID EVENT_ID = UUID.fromString("0b6f3c1e-6a0e-4c53-9a43-3f1f1c1d2e10");

	private static final Instant COMMITTED = Instant.parse("2026-11-27T12:00:00.123Z");

	private final EventCodec codec = new EventCodec();

	@Test
	void encodesThePropertyChangeExactlyAsTheSpecShowsIt() {
		DeviceStateEvent event = DeviceStateEvent.propertyChanged(EVENT_ID, 1042, "dev-1", "user-1", "tenant-1",
				"powerState", "OFF", "ON", ChangeSource.WEB, COMMITTED);

		assertThat(this.codec.encodeToString(event)).isEqualTo("{\"type\":\"property_changed\","
				+ "\"eventId\":\"0b6f3c1e-6a0e-4c53-9a43-3f1f1c1d2e10\",\"sequence\":1042,"
				+ "\"deviceId\":\"dev-1\",\"userId\":\"user-1\",\"tenantId\":\"tenant-1\",\"property\":\"powerState\","
				+ "\"oldValue\":\"OFF\",\"newValue\":\"ON\",\"source\":\"web\",\"timestamp\":\"2026-11-27T12:00:00.123Z\"}");
	}

	@Test
	void writesANullOldValueWhenThePropertyDidNotExistBefore() {
		DeviceStateEvent event = DeviceStateEvent.propertyChanged(EVENT_ID, 7, "dev-1", "user-1", "tenant-1",
				"brightness", null, "80", ChangeSource.API, COMMITTED);

		assertThat(this.codec.encodeToString(event)).contains("\"oldValue\":null,\"newValue\":\"80\"");
		assertThat(this.codec.decode(this.codec.encode(event)).oldValue()).isNull();
	}

	@Test
	void writesLifecycleEventsWithNullPropertyAndValues() {
		DeviceStateEvent event = DeviceStateEvent.lifecycle(EventType.DEVICE_CREATED, EVENT_ID, 3, "dev-1", "user-1",
				"tenant-1", ChangeSource.API, COMMITTED);

		assertThat(this.codec.encodeToString(event)).isEqualTo("{\"type\":\"device_created\","
				+ "\"eventId\":\"0b6f3c1e-6a0e-4c53-9a43-3f1f1c1d2e10\",\"sequence\":3,"
				+ "\"deviceId\":\"dev-1\",\"userId\":\"user-1\",\"tenantId\":\"tenant-1\",\"property\":null,"
				+ "\"oldValue\":null,\"newValue\":null,\"source\":\"api\",\"timestamp\":\"2026-11-27T12:00:00.123Z\"}");
	}

	@Test
	void alwaysWritesThreeFractionDigitsAndDropsFinerPrecision() {
		DeviceStateEvent whole = DeviceStateEvent.propertyChanged(EVENT_ID, 1, "d", "u", "t", "p", null, "v",
				ChangeSource.API, Instant.parse("2026-01-02T03:04:05Z"));
		DeviceStateEvent nanos = DeviceStateEvent.propertyChanged(EVENT_ID, 1, "d", "u", "t", "p", null, "v",
				ChangeSource.API, Instant.parse("2026-01-02T03:04:05.987654321Z"));

		assertThat(this.codec.encodeToString(whole)).contains("\"timestamp\":\"2026-01-02T03:04:05.000Z\"");
		assertThat(this.codec.encodeToString(nanos)).contains("\"timestamp\":\"2026-01-02T03:04:05.987Z\"");
		assertThat(nanos.timestamp()).isEqualTo(Instant.parse("2026-01-02T03:04:05.987Z"));
	}

	@Test
	void roundTripsEveryTypeAndSource() {
		for (ChangeSource source : ChangeSource.values()) {
			DeviceStateEvent change = DeviceStateEvent.propertyChanged(UUID.randomUUID(), 12, "dev-1", "user-1",
					"tenant-1", "toggle:Oscillate", "ON", "OFF", source, COMMITTED);
			assertThat(this.codec.decode(this.codec.encode(change))).isEqualTo(change);
		}
		for (EventType type : new EventType[] { EventType.DEVICE_CREATED, EventType.DEVICE_DELETED }) {
			DeviceStateEvent lifecycle = DeviceStateEvent.lifecycle(type, UUID.randomUUID(), Long.MAX_VALUE, "dev-1",
					"user-1", "tenant-1", ChangeSource.WEB, COMMITTED);
			assertThat(this.codec.decode(this.codec.encode(lifecycle))).isEqualTo(lifecycle);
		}
	}

	@Test
	void roundTripsTheLargestValidValuesWithCharactersJsonMustEscape() {
		String awkward = "\"\\\n\t\u0001é😀<>&'".repeat(100).substring(0, EventLimits.MAX_VALUE_LENGTH);
		String controls = "\u0001".repeat(EventLimits.MAX_VALUE_LENGTH);
		DeviceStateEvent event = DeviceStateEvent.propertyChanged(EVENT_ID, 5, "d".repeat(128), "auth0|5f3e-é", "t",
				"p".repeat(64), controls, awkward, ChangeSource.IFTTT, COMMITTED);

		byte[] json = this.codec.encode(event);

		assertThat(json.length).isLessThanOrEqualTo(EventLimits.MAX_MESSAGE_BYTES);
		assertThat(this.codec.decode(json)).isEqualTo(event);
	}

	@Test
	void countsLengthsInCodePointsAsTheDatabaseDoes() {
		String emoji = "😀".repeat(EventLimits.MAX_VALUE_LENGTH);
		String id = "😀".repeat(EventLimits.MAX_ID_LENGTH);
		DeviceStateEvent event = DeviceStateEvent.propertyChanged(EVENT_ID, 5, id, id, id, "p", emoji, emoji,
				ChangeSource.API, COMMITTED);

		byte[] json = this.codec.encode(event);

		assertThat(json.length).isLessThanOrEqualTo(EventLimits.MAX_MESSAGE_BYTES);
		assertThat(this.codec.decode(json)).isEqualTo(event);
		assertThat(EventLimits.isValidValue(emoji + "😀")).isFalse();
		assertThat(Channels.isChannelSafe(id + "😀")).isFalse();
	}

	@Test
	void ignoresUnknownFields() {
		String json = "{\"type\":\"property_changed\",\"eventId\":\"0b6f3c1e-6a0e-4c53-9a43-3f1f1c1d2e10\","
				+ "\"sequence\":9,\"deviceId\":\"d\",\"userId\":\"u\",\"tenantId\":\"t\",\"property\":\"p\","
				+ "\"oldValue\":null,\"newValue\":\"v\",\"source\":\"api\",\"timestamp\":\"2026-11-27T12:00:00.123Z\","
				+ "\"schemaVersion\":2,\"extra\":{\"nested\":[1,2,3]}}";

		DeviceStateEvent event = this.codec.decode(json);

		assertThat(event.sequence()).isEqualTo(9);
		assertThat(event.newValue()).isEqualTo("v");
	}

	@Test
	void readsTheSeedsFieldsWithoutOldValueAsNull() {
		String json = "{\"type\":\"property_changed\",\"eventId\":\"0b6f3c1e-6a0e-4c53-9a43-3f1f1c1d2e10\","
				+ "\"sequence\":1,\"deviceId\":\"d\",\"userId\":\"u\",\"tenantId\":\"t\",\"property\":\"p\","
				+ "\"newValue\":\"v\",\"source\":\"alexa\",\"timestamp\":\"2026-11-27T12:00:00.123Z\"}";

		assertThat(this.codec.decode(json).oldValue()).isNull();
	}

	@Test
	void acceptsTimestampsWithAnOffsetAndNormalisesThemToUtc() {
		String json = new String(this.codec.encode(DeviceStateEvent.propertyChanged(EVENT_ID, 1, "d", "u", "t", "p",
				null, "v", ChangeSource.API, COMMITTED)), StandardCharsets.UTF_8)
			.replace("2026-11-27T12:00:00.123Z", "2026-11-27T13:00:00.123456+01:00");

		DeviceStateEvent event = this.codec.decode(json);

		assertThat(event.timestamp()).isEqualTo(COMMITTED);
		assertThat(this.codec.encodeToString(event)).contains("\"timestamp\":\"2026-11-27T12:00:00.123Z\"");
	}

}
