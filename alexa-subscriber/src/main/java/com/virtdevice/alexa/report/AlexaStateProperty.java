package com.virtdevice.alexa.report;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Where a VirtDevice property goes in Alexa's state: an interface, a property name, and
 * for Toggle/Range/Mode controllers an instance.
 *
 * @param property the VirtDevice property name
 * @param namespace the Alexa interface, e.g. {@code Alexa.PowerController}
 * @param name the Alexa property, e.g. {@code powerState}
 * @param instance the controller instance; {@code null} for interfaces without one
 * @param converter how the stored string becomes the wire value
 */
public record AlexaStateProperty(String property, String namespace, String name, @Nullable String instance,
		ValueConverter converter) {

	/**
	 * The wire value of a stored value.
	 * @throws UnconvertibleValue if it has none
	 */
	public JsonNode convert(String value) {
		return this.converter.convert(value);
	}

	@Override
	public String toString() {
		return this.property + "→" + this.namespace + "." + this.name
				+ ((this.instance != null) ? "[" + this.instance + "]" : "");
	}

}
