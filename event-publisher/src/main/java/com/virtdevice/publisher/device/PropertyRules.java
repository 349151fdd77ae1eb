package com.virtdevice.publisher.device;

import java.util.Map;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.EventLimits;
import org.jspecify.annotations.Nullable;

/**
 * The input rules of docs/contract.md §4.2, shared by every way of setting properties
 * (create, PUT, PATCH, webhooks). The database enforces the same limits; checking here
 * first gives a clear 400 instead of a failed statement.
 */
public final class PropertyRules {

	/** Most properties one request may set. */
	public static final int MAX_PROPERTIES_PER_REQUEST = 100;

	private PropertyRules() {
	}

	public static void checkName(@Nullable String name) {
		if (name == null || !EventLimits.isValidPropertyName(name)) {
			throw new InvalidDeviceRequest(
					"Property name " + quote(name) + " must match " + EventLimits.PROPERTY_NAME.pattern());
		}
	}

	public static void checkValue(String name, @Nullable String value) {
		if (value == null) {
			throw new InvalidDeviceRequest("Property " + name + " needs a value");
		}
		if (!EventLimits.isValidValue(value)) {
			throw new InvalidDeviceRequest("The value of " + name + " is " + EventLimits.length(value)
					+ " characters; the limit is " + EventLimits.MAX_VALUE_LENGTH);
		}
	}

	public static void checkValues(@Nullable Map<String, String> values, boolean allowEmpty) {
		if (values == null || values.isEmpty()) {
			if (allowEmpty) {
				return;
			}
			throw new InvalidDeviceRequest("Give at least one property value");
		}
		if (values.size() > MAX_PROPERTIES_PER_REQUEST) {
			throw new InvalidDeviceRequest("At most " + MAX_PROPERTIES_PER_REQUEST + " properties per request");
		}
		values.forEach((name, value) -> {
			checkName(name);
			checkValue(name, value);
		});
	}

	/** The change source named in a request; {@code api} when absent. */
	public static ChangeSource source(@Nullable String source) {
		if (source == null) {
			return ChangeSource.API;
		}
		return ChangeSource.fromWireName(source)
			.orElseThrow(() -> new InvalidDeviceRequest(
					"Unknown source " + quote(source) + "; use alexa, ifttt, web or api"));
	}

	private static String quote(@Nullable String text) {
		if (text == null) {
			return "(none)";
		}
		return "'" + ((text.length() > 64) ? text.substring(0, 64) + "…" : text) + "'";
	}

}
