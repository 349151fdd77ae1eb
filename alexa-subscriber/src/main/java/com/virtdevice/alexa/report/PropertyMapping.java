package com.virtdevice.alexa.report;

import java.util.Map;
import java.util.Optional;

import com.virtdevice.alexa.AlexaProperties.TemperatureScale;

import static com.virtdevice.alexa.report.WireValues.anyNumber;
import static com.virtdevice.alexa.report.WireValues.color;
import static com.virtdevice.alexa.report.WireValues.connectivity;
import static com.virtdevice.alexa.report.WireValues.integerBetween;
import static com.virtdevice.alexa.report.WireValues.oneOf;
import static com.virtdevice.alexa.report.WireValues.temperature;
import static com.virtdevice.alexa.report.WireValues.text;

/**
 * The mapping table of docs/contract.md §7: which VirtDevice properties Alexa hears
 * about, and how. {@code toggle:<Instance>}, {@code range:<Instance>} and
 * {@code mode:<Instance>} name controller instances. Every other property is not
 * reported.
 */
public final class PropertyMapping {

	private static final int SETPOINT_LIMIT = 100;

	private final Map<String, AlexaStateProperty> fixed;

	public PropertyMapping(TemperatureScale defaultScale) {
		this.fixed = Map.ofEntries(fixed("powerState", "Alexa.PowerController", "powerState", oneOf("ON", "OFF")),
				fixed("brightness", "Alexa.BrightnessController", "brightness", integerBetween(0, 100)),
				fixed("percentage", "Alexa.PercentageController", "percentage", integerBetween(0, 100)),
				fixed("color", "Alexa.ColorController", "color", color()),
				fixed("colorTemperatureInKelvin", "Alexa.ColorTemperatureController", "colorTemperatureInKelvin",
						integerBetween(1000, 10000)),
				setpoint("targetSetpoint", defaultScale), setpoint("lowerSetpoint", defaultScale),
				setpoint("upperSetpoint", defaultScale),
				fixed("thermostatMode", "Alexa.ThermostatController", "thermostatMode",
						oneOf("AUTO", "COOL", "HEAT", "ECO", "OFF")),
				fixed("temperature", "Alexa.TemperatureSensor", "temperature", temperature(defaultScale, null)),
				fixed("contact", "Alexa.ContactSensor", "detectionState", oneOf("DETECTED", "NOT_DETECTED")),
				fixed("motion", "Alexa.MotionSensor", "detectionState", oneOf("DETECTED", "NOT_DETECTED")),
				fixed("lockState", "Alexa.LockController", "lockState", oneOf("LOCKED", "UNLOCKED", "JAMMED")),
				fixed("connectivity", "Alexa.EndpointHealth", "connectivity", connectivity()));
	}

	/** The Alexa property a VirtDevice property maps to, if any. */
	public Optional<AlexaStateProperty> find(String property) {
		AlexaStateProperty mapped = this.fixed.get(property);
		if (mapped != null) {
			return Optional.of(mapped);
		}
		int colon = property.indexOf(':');
		if (colon <= 0 || colon == property.length() - 1) {
			return Optional.empty();
		}
		String instance = property.substring(colon + 1);
		return switch (property.substring(0, colon)) {
			case "toggle" -> Optional.of(new AlexaStateProperty(property, "Alexa.ToggleController", "toggleState",
					instance, oneOf("ON", "OFF")));
			case "range" -> Optional
				.of(new AlexaStateProperty(property, "Alexa.RangeController", "rangeValue", instance, anyNumber()));
			case "mode" ->
				Optional.of(new AlexaStateProperty(property, "Alexa.ModeController", "mode", instance, text()));
			default -> Optional.empty();
		};
	}

	private static Map.Entry<String, AlexaStateProperty> fixed(String property, String namespace, String name,
			ValueConverter converter) {
		return Map.entry(property, new AlexaStateProperty(property, namespace, name, null, converter));
	}

	private static Map.Entry<String, AlexaStateProperty> setpoint(String property, TemperatureScale scale) {
		return fixed(property, "Alexa.ThermostatController", property, temperature(scale, SETPOINT_LIMIT));
	}

}
