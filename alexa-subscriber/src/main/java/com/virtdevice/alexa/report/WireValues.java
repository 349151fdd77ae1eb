package com.virtdevice.alexa.report;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.virtdevice.alexa.AlexaProperties.TemperatureScale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The converters of the docs/contract.md §7 mapping table, each as strict as Amazon's
 * schema for the wire value: a value the schema would refuse is refused here.
 */
final class WireValues {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private WireValues() {
	}

	/** One of the given words, case-insensitively; sent in upper case. */
	static ValueConverter oneOf(String... words) {
		Set<String> allowed = Set.of(words);
		return (value) -> {
			String word = value.trim().toUpperCase(Locale.ROOT);
			if (!allowed.contains(word)) {
				throw new UnconvertibleValue("'" + abbreviate(value) + "' is not one of " + sorted(allowed));
			}
			return NODES.stringNode(word);
		};
	}

	/** A whole number within the range ({@code "80"}, {@code "80.0"}). */
	static ValueConverter integerBetween(int min, int max) {
		return (value) -> {
			BigDecimal number = number(value);
			int whole;
			try {
				whole = number.stripTrailingZeros().intValueExact();
			}
			catch (ArithmeticException ex) {
				throw new UnconvertibleValue("'" + abbreviate(value) + "' is not a whole number");
			}
			if (whole < min || whole > max) {
				throw new UnconvertibleValue(whole + " is outside " + min + "–" + max);
			}
			return NODES.numberNode(whole);
		};
	}

	/** Any finite number. */
	static ValueConverter anyNumber() {
		return (value) -> numberNode(number(value));
	}

	/** Any non-blank text, as it is. */
	static ValueConverter text() {
		return (value) -> {
			if (value.isBlank()) {
				throw new UnconvertibleValue("the value is blank");
			}
			return NODES.stringNode(value);
		};
	}

	/** {@code {"hue": 0–360, "saturation": 0–1, "brightness": 0–1}}, stored as JSON. */
	static ValueConverter color() {
		return (value) -> {
			JsonNode json = jsonObject(value);
			ObjectNode color = NODES.objectNode();
			color.set("hue", numberNode(within(json, "hue", 0, 360)));
			color.set("saturation", numberNode(within(json, "saturation", 0, 1)));
			color.set("brightness", numberNode(within(json, "brightness", 0, 1)));
			return color;
		};
	}

	/**
	 * {@code {"value": n, "scale": "CELSIUS"|"FAHRENHEIT"|"KELVIN"}}, stored as that JSON
	 * or as a bare number in the default scale; {@code limit} bounds the value (the
	 * schema's ±100 for setpoints), {@code null} for none.
	 */
	static ValueConverter temperature(TemperatureScale defaultScale, @Nullable Integer limit) {
		return (value) -> {
			BigDecimal degrees;
			String scale;
			if (value.trim().startsWith("{")) {
				JsonNode json = jsonObject(value);
				degrees = (limit != null) ? within(json, "value", -limit, limit) : within(json, "value", null, null);
				scale = json.path("scale").asString("").toUpperCase(Locale.ROOT);
				if (!isScale(scale)) {
					throw new UnconvertibleValue("scale must be CELSIUS, FAHRENHEIT or KELVIN");
				}
			}
			else {
				degrees = number(value);
				if (limit != null && degrees.abs().compareTo(BigDecimal.valueOf(limit)) > 0) {
					throw new UnconvertibleValue(degrees + " is outside -" + limit + "–" + limit);
				}
				scale = defaultScale.name();
			}
			ObjectNode temperature = NODES.objectNode();
			temperature.set("value", numberNode(degrees));
			temperature.put("scale", scale);
			return temperature;
		};
	}

	/** {@code {"value": "OK"|"UNREACHABLE"}}, stored as the word or as that JSON. */
	static ValueConverter connectivity() {
		ValueConverter word = oneOf("OK", "UNREACHABLE");
		return (value) -> {
			String raw = value.trim().startsWith("{") ? jsonObject(value).path("value").asString("") : value;
			ObjectNode connectivity = NODES.objectNode();
			connectivity.set("value", word.convert(raw));
			return connectivity;
		};
	}

	private static boolean isScale(String scale) {
		return Arrays.stream(TemperatureScale.values()).anyMatch((known) -> known.name().equals(scale));
	}

	private static BigDecimal number(String value) {
		try {
			return new BigDecimal(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new UnconvertibleValue("'" + abbreviate(value) + "' is not a number");
		}
	}

	private static BigDecimal within(JsonNode json, String field, @Nullable Number min, @Nullable Number max) {
		JsonNode node = json.path(field);
		if (!node.isNumber()) {
			throw new UnconvertibleValue("'" + field + "' must be a number");
		}
		BigDecimal number = node.decimalValue();
		if ((min != null && number.compareTo(new BigDecimal(min.toString())) < 0)
				|| (max != null && number.compareTo(new BigDecimal(max.toString())) > 0)) {
			throw new UnconvertibleValue("'" + field + "' " + number + " is outside " + min + "–" + max);
		}
		return number;
	}

	private static JsonNode jsonObject(String value) {
		try {
			JsonNode json = JsonMapper.shared().readTree(value);
			if (json != null && json.isObject()) {
				return json;
			}
		}
		catch (JacksonException ex) {
			// reported below
		}
		throw new UnconvertibleValue("'" + abbreviate(value) + "' is not a JSON object");
	}

	/** Whole numbers as integers, others as doubles: never {@code 1E+2}. */
	private static JsonNode numberNode(BigDecimal number) {
		BigDecimal stripped = number.stripTrailingZeros();
		if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
			return NODES.numberNode(stripped.longValueExact());
		}
		double value = number.doubleValue();
		if (Double.isInfinite(value)) {
			throw new UnconvertibleValue("the number is too large");
		}
		return NODES.numberNode(value);
	}

	private static String sorted(Set<String> words) {
		return words.stream().sorted().collect(Collectors.joining(", "));
	}

	private static String abbreviate(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 40) + "…";
	}

}
