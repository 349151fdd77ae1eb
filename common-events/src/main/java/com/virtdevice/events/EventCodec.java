package com.virtdevice.events;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON wire format of {@link DeviceStateEvent} (docs/contract.md §3): UTF-8,
 * camelCase, fields in the SPEC's order, {@code null} written out, timestamps as ISO-8601
 * UTC with exactly three fraction digits.
 * <p>
 * Decoding ignores unknown fields and turns anything else that is wrong — not JSON, too
 * big, a missing or mistyped field, an unknown type or source, a bad timestamp — into one
 * {@link InvalidEventException} that names the problem. Thread-safe; create one and share
 * it.
 */
public final class EventCodec {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final JsonMapper mapper;

	public EventCodec() {
		JsonFactory factory = JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxDocumentLength(EventLimits.MAX_MESSAGE_BYTES)
				.maxNestingDepth(32)
				.maxStringLength(EventLimits.MAX_MESSAGE_BYTES)
				.maxNumberLength(32)
				.build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build();
		this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
	}

	/** The event as UTF-8 JSON bytes. */
	public byte[] encode(DeviceStateEvent event) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(384);
		try (JsonGenerator json = this.mapper.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("type", event.type().wireName());
			json.writeStringProperty("eventId", event.eventId().toString());
			json.writeNumberProperty("sequence", event.sequence());
			json.writeStringProperty("deviceId", event.deviceId());
			json.writeStringProperty("userId", event.userId());
			json.writeStringProperty("tenantId", event.tenantId());
			json.writeStringProperty("property", event.property());
			json.writeStringProperty("oldValue", event.oldValue());
			json.writeStringProperty("newValue", event.newValue());
			json.writeStringProperty("source", event.source().wireName());
			json.writeStringProperty("timestamp", formatTimestamp(event.timestamp()));
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	/** The event as a JSON string. */
	public String encodeToString(DeviceStateEvent event) {
		return new String(encode(event), StandardCharsets.UTF_8);
	}

	/** Decodes a JSON string; see {@link #decode(byte[])}. */
	public DeviceStateEvent decode(String json) {
		return decode(json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Decodes UTF-8 JSON bytes into an event.
	 * @throws InvalidEventException if the bytes are not a valid event, saying why
	 */
	public DeviceStateEvent decode(byte[] json) {
		if (json.length > EventLimits.MAX_MESSAGE_BYTES) {
			throw new InvalidEventException(
					"message is " + json.length + " bytes; the limit is " + EventLimits.MAX_MESSAGE_BYTES);
		}
		return decode(parse(json));
	}

	/**
	 * Decodes an event already parsed as a JSON tree (an item of a replay API page), with
	 * the same checks as {@link #decode(byte[])} after parsing.
	 * @throws InvalidEventException if the tree is not a valid event, saying why
	 */
	public DeviceStateEvent decode(JsonNode root) {
		if (!root.isObject()) {
			throw new InvalidEventException("must be a JSON object, was " + describe(root));
		}
		EventType type = enumField(root, "type", EventType::fromWireName);
		UUID eventId = uuidField(root, "eventId");
		long sequence = sequenceField(root);
		return new DeviceStateEvent(type, eventId, sequence, requiredText(root, "deviceId"),
				requiredText(root, "userId"), requiredText(root, "tenantId"), optionalText(root, "property"),
				optionalText(root, "oldValue"), optionalText(root, "newValue"),
				enumField(root, "source", ChangeSource::fromWireName), parseTimestamp(requiredText(root, "timestamp")));
	}

	/**
	 * ISO-8601 UTC with exactly three fraction digits, e.g.
	 * {@code 2026-11-27T12:00:00.120Z}.
	 */
	public static String formatTimestamp(Instant instant) {
		return TIMESTAMP.format(instant);
	}

	private JsonNode parse(byte[] json) {
		JsonNode root;
		try {
			root = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("not valid JSON: " + ex.getOriginalMessage());
		}
		if (root == null || root.isMissingNode()) {
			throw new InvalidEventException("empty message");
		}
		if (!root.isObject()) {
			throw new InvalidEventException("must be a JSON object, was " + describe(root));
		}
		return root;
	}

	private static String requiredText(JsonNode root, String field) {
		String text = optionalText(root, field);
		if (text == null) {
			throw new InvalidEventException("missing field '" + field + "'");
		}
		return text;
	}

	private static @Nullable String optionalText(JsonNode root, String field) {
		JsonNode node = root.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw new InvalidEventException("field '" + field + "' must be a string, was " + describe(node));
		}
		return node.stringValue();
	}

	private static <E extends Enum<E>> E enumField(JsonNode root, String field,
			Function<String, java.util.Optional<E>> byWireName) {
		String text = requiredText(root, field);
		return byWireName.apply(text)
			.orElseThrow(() -> new InvalidEventException(
					"field '" + field + "' has unknown value " + Texts.abbreviate(text)));
	}

	private static UUID uuidField(JsonNode root, String field) {
		String text = requiredText(root, field);
		try {
			UUID uuid = UUID.fromString(text);
			if (uuid.toString().equalsIgnoreCase(text)) {
				return uuid;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new InvalidEventException("field '" + field + "' must be a UUID, was " + Texts.abbreviate(text));
	}

	private static long sequenceField(JsonNode root) {
		JsonNode node = root.get("sequence");
		if (node == null || node.isNull()) {
			throw new InvalidEventException("missing field 'sequence'");
		}
		if (!node.isIntegralNumber() || !node.canConvertToLong()) {
			throw new InvalidEventException("field 'sequence' must be an integer, was " + describe(node));
		}
		return node.longValue();
	}

	private static Instant parseTimestamp(String text) {
		try {
			return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidEventException(
					"field 'timestamp' must be an ISO-8601 date-time with an offset, was " + Texts.abbreviate(text));
		}
	}

	private static String describe(JsonNode node) {
		String kind = node.getNodeType().name().toLowerCase(Locale.ROOT);
		return node.isValueNode() ? kind + " " + Texts.abbreviate(node.toString()) : kind;
	}

}
