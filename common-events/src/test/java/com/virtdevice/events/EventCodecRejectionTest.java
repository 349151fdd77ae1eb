package com.virtdevice.events;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every malformed or incomplete message becomes one {@link InvalidEventException} that
 * says what is wrong — never a {@code NullPointerException} or a Jackson exception.
 */
class EventCodecRejectionTest {

	private static final String VALID = "{\"type\":\"property_changed\","
			+ "\"eventId\":\"0b6f3c1e-6a0e-4c53-9a43-3f1f1c1d2e10\",\"sequence\":1042,\"deviceId\":\"dev-1\","
			+ "\"userId\":\"user-1\",\"tenantId\":\"tenant-1\",\"property\":\"powerState\",\"oldValue\":\"OFF\","
			+ "\"newValue\":\"ON\",\"source\":\"web\",\"timestamp\":\"2026-11-27T12:00:00.123Z\"}";

	private static final String CREATED = VALID.replace("property_changed", "device_created")
		.replace("\"powerState\"", "null")
		.replace("\"OFF\"", "null")
		.replace("\"ON\"", "null");

	private final EventCodec codec = new EventCodec();

	@Test
	void theTemplatesUsedBelowAreThemselvesValid() {
		this.codec.decode(VALID);
		this.codec.decode(CREATED);
	}

	static Stream<Arguments> badMessages() {
		return Stream.of(arguments("plain text", "hello", "not valid JSON"),
				arguments("empty message", "", "empty message"), arguments("whitespace only", "   ", "empty message"),
				arguments("JSON array", "[]", "must be a JSON object, was array"),
				arguments("JSON string", "\"event\"", "must be a JSON object, was string"),
				arguments("JSON null", "null", "must be a JSON object, was null"),
				arguments("truncated object", VALID.substring(0, 60), "not valid JSON"),
				arguments("trailing garbage", VALID + " x", "not valid JSON"),
				arguments("duplicate field", VALID.replace("{\"type\"", "{\"sequence\":1,\"type\""), "not valid JSON"),
				arguments("missing type", VALID.replace("\"type\":\"property_changed\",", ""), "missing field 'type'"),
				arguments("unknown type", VALID.replace("property_changed", "property_updated"),
						"field 'type' has unknown value 'property_updated'"),
				arguments("type as number", VALID.replace("\"property_changed\"", "3"),
						"field 'type' must be a string, was number"),
				arguments("missing eventId", VALID.replace("\"eventId\":\"0b6f3c1e-6a0e-4c53-9a43-3f1f1c1d2e10\",", ""),
						"missing field 'eventId'"),
				arguments("eventId not a UUID", VALID.replace("0b6f3c1e-6a0e-4c53-9a43-3f1f1c1d2e10", "42"),
						"field 'eventId' must be a UUID"),
				arguments("missing sequence", VALID.replace("\"sequence\":1042,", ""), "missing field 'sequence'"),
				arguments("sequence as string", VALID.replace("1042", "\"1042\""),
						"field 'sequence' must be an integer, was string"),
				arguments("sequence as fraction", VALID.replace("1042", "10.5"),
						"field 'sequence' must be an integer, was number"),
				arguments("sequence zero", VALID.replace("1042", "0"), "sequence must be 1 or more"),
				arguments("sequence negative", VALID.replace("1042", "-7"), "sequence must be 1 or more"),
				arguments("sequence beyond long", VALID.replace("1042", "99999999999999999999"),
						"field 'sequence' must be an integer"),
				arguments("missing deviceId", VALID.replace("\"deviceId\":\"dev-1\",", ""), "missing field 'deviceId'"),
				arguments("deviceId with a colon", VALID.replace("dev-1", "dev:1"),
						"deviceId 'dev:1' is not a valid id"),
				arguments("deviceId with a glob star", VALID.replace("dev-1", "dev*"),
						"deviceId 'dev*' is not a valid id"),
				arguments("deviceId with whitespace", VALID.replace("dev-1", "dev 1"),
						"deviceId 'dev 1' is not a valid id"),
				arguments("deviceId too long", VALID.replace("dev-1", "d".repeat(129)), "deviceId 'ddd"),
				arguments("empty userId", VALID.replace("user-1", ""), "userId '' is not a valid id"),
				arguments("tenantId as number", VALID.replace("\"tenant-1\"", "17"),
						"field 'tenantId' must be a string, was number"),
				arguments("property_changed without property", VALID.replace("\"powerState\"", "null"),
						"missing field 'property'"),
				arguments("property_changed without newValue", VALID.replace("\"newValue\":\"ON\",", ""),
						"missing field 'newValue'"),
				arguments("bad property name", VALID.replace("powerState", "1power"),
						"property '1power' is not a valid property name"),
				arguments("newValue too long", VALID.replace("\"ON\"", "\"" + "x".repeat(1025) + "\""),
						"newValue is 1025 characters; the limit is 1024"),
				arguments("newValue as object", VALID.replace("\"ON\"", "{\"on\":true}"),
						"field 'newValue' must be a string, was object"),
				arguments("lifecycle event with a property", CREATED.replace("\"property\":null", "\"property\":\"x\""),
						"device_created must have property, oldValue and newValue null"),
				arguments("missing source", VALID.replace("\"source\":\"web\",", ""), "missing field 'source'"),
				arguments("unknown source", VALID.replace("\"web\"", "\"voice\""),
						"field 'source' has unknown value 'voice'"),
				arguments("source in capitals", VALID.replace("\"web\"", "\"WEB\""),
						"field 'source' has unknown value 'WEB'"),
				arguments("timestamp not a date", VALID.replace("2026-11-27T12:00:00.123Z", "yesterday"),
						"field 'timestamp' must be an ISO-8601 date-time with an offset, was 'yesterday'"),
				arguments("timestamp without offset", VALID.replace("2026-11-27T12:00:00.123Z", "2026-11-27T12:00:00"),
						"field 'timestamp' must be an ISO-8601 date-time with an offset"),
				arguments("timestamp as epoch number", VALID.replace("\"2026-11-27T12:00:00.123Z\"", "1795780800123"),
						"field 'timestamp' must be a string, was number"),
				arguments("deeply nested unknown field",
						VALID.replace("{\"type\"", "{\"x\":" + "[".repeat(1000) + "]".repeat(1000) + ",\"type\""),
						"not valid JSON"),
				arguments("huge string in an unknown field",
						VALID.replace("{\"type\"", "{\"x\":\"" + "y".repeat(40_000) + "\",\"type\""), "message is 40"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badMessages")
	void rejectsWithAMessageThatSaysWhatIsWrong(String name, String json, String expectedMessage) {
		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> this.codec.decode(json))
			.withMessageContaining(expectedMessage);
	}

	@Test
	void rejectsBytesThatAreNotUtf8() {
		byte[] json = VALID.replace("dev-1", "dev-\u0000").getBytes(StandardCharsets.UTF_8);
		json[VALID.indexOf("dev-1") + 4] = (byte) 0xC3;

		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> this.codec.decode(json))
			.withMessageContaining("not valid JSON");
	}

	@Test
	void rejectsControlCharactersInIds() {
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.codec.decode(VALID.replace("dev-1", "dev\\u0007")))
			.withMessageContaining("deviceId 'dev?' is not a valid id");
	}

}
