package com.virtdevice.alexa.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.virtdevice.alexa.AlexaProperties.TemperatureScale;
import com.virtdevice.testsupport.AlexaSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every report this service can build validates against Amazon's own message schema
 * ({@code shared/reference/alexa/alexa_smart_home_message_schema.json}, draft-04).
 */
class ChangeReportSchemaTest {

	/** A stored value of every row of the mapping table. */
	private static final Map<String, String> EVERY_MAPPED_PROPERTY = new LinkedHashMap<>();

	static {
		EVERY_MAPPED_PROPERTY.put("powerState", "ON");
		EVERY_MAPPED_PROPERTY.put("brightness", "85");
		EVERY_MAPPED_PROPERTY.put("percentage", "30");
		EVERY_MAPPED_PROPERTY.put("color", "{\"hue\":350.5,\"saturation\":0.7138,\"brightness\":0.6524}");
		EVERY_MAPPED_PROPERTY.put("colorTemperatureInKelvin", "5500");
		EVERY_MAPPED_PROPERTY.put("targetSetpoint", "{\"value\":21.5,\"scale\":\"CELSIUS\"}");
		EVERY_MAPPED_PROPERTY.put("lowerSetpoint", "{\"value\":68,\"scale\":\"FAHRENHEIT\"}");
		EVERY_MAPPED_PROPERTY.put("upperSetpoint", "24");
		EVERY_MAPPED_PROPERTY.put("thermostatMode", "ECO");
		EVERY_MAPPED_PROPERTY.put("temperature", "{\"value\":295.15,\"scale\":\"KELVIN\"}");
		EVERY_MAPPED_PROPERTY.put("contact", "DETECTED");
		EVERY_MAPPED_PROPERTY.put("motion", "NOT_DETECTED");
		EVERY_MAPPED_PROPERTY.put("lockState", "LOCKED");
		EVERY_MAPPED_PROPERTY.put("connectivity", "OK");
		EVERY_MAPPED_PROPERTY.put("toggle:Oscillate", "ON");
		EVERY_MAPPED_PROPERTY.put("range:Fan.Speed", "7");
		EVERY_MAPPED_PROPERTY.put("mode:Wash.Cycle", "Wash.Cycle.Delicates");
	}

	private final PropertyMapping mapping = new PropertyMapping(TemperatureScale.CELSIUS);

	@BeforeEach
	void schemaIsPresent() {
		assumeTrue(AlexaSchema.isPresent(),
				"shared/reference/alexa/alexa_smart_home_message_schema.json not found above " + "the module");
	}

	@Test
	void aReportOfEachMappedPropertyIsValid() {
		for (String property : EVERY_MAPPED_PROPERTY.keySet()) {
			String report = report(List.of(property), List.of(), ChangeCause.PHYSICAL_INTERACTION);
			assertThat(AlexaSchema.errors(report)).as(property + ": " + report).isEmpty();
		}
	}

	@Test
	void aReportWithEveryOtherPropertyInContextIsValidForEachChange() {
		for (String property : EVERY_MAPPED_PROPERTY.keySet()) {
			List<String> others = new ArrayList<>(EVERY_MAPPED_PROPERTY.keySet());
			others.remove(property);
			for (ChangeCause cause : ChangeCause.values()) {
				String report = report(List.of(property), others, cause);
				assertThat(AlexaSchema.errors(report)).as(property + " " + cause).isEmpty();
			}
		}
	}

	@Test
	void aReportOfManyChangesAtOnceIsValid() {
		String everything = report(List.copyOf(EVERY_MAPPED_PROPERTY.keySet()), List.of(), ChangeCause.APP_INTERACTION);
		assertThat(AlexaSchema.errors(everything)).isEmpty();
		String light = report(List.of("powerState", "brightness", "color"),
				List.of("colorTemperatureInKelvin", "connectivity", "toggle:Oscillate"), ChangeCause.RULE_TRIGGER);
		assertThat(AlexaSchema.errors(light)).isEmpty();
	}

	@Test
	void timesOfSampleAtAnyInstantHaveAtMostThreeFractionDigits() {
		AlexaStateProperty power = this.mapping.find("powerState").orElseThrow();
		for (Instant at : List.of(Instant.parse("2026-11-27T12:00:00Z"), Instant.parse("2026-11-27T12:00:00.1Z"),
				Instant.parse("2026-11-27T12:00:00.123456789Z"), Instant.parse("2028-02-29T23:59:59.999999Z"))) {
			String report = ChangeReport
				.message(UUID.randomUUID(), "device-1", "Atza|token", ChangeCause.APP_INTERACTION,
						List.of(new ReportedValue(power, power.convert("OFF"), at)), List.of(), 0)
				.toString();
			assertThat(AlexaSchema.errors(report)).as(at.toString()).isEmpty();
		}
	}

	@Test
	void theSchemaRefusesWhatAmazonWouldRefuse() {
		AlexaStateProperty brightness = this.mapping.find("brightness").orElseThrow();
		ObjectNode tooBright = ChangeReport.message(UUID.randomUUID(), "device-1", "Atza|token",
				ChangeCause.APP_INTERACTION,
				List.of(new ReportedValue(brightness, IntNode.valueOf(101), Instant.now())), List.of(), 0);
		assertThat(AlexaSchema.errors(tooBright.toString())).isNotEmpty();
		String nanos = report(List.of("powerState"), List.of(), ChangeCause.APP_INTERACTION)
			.replaceAll("\"timeOfSample\":\"([^\"]*?)(\\.\\d+)?Z\"", "\"timeOfSample\":\"$1.1234Z\"");
		assertThat(AlexaSchema.errors(nanos)).isNotEmpty();
		ObjectNode badEndpoint = ChangeReport.message(UUID.randomUUID(), "device 1/2", "Atza|token",
				ChangeCause.APP_INTERACTION, List.of(), List.of(), 0);
		assertThat(AlexaSchema.errors(badEndpoint.toString())).isNotEmpty();
		assertThat(ChangeReport.isValidEndpointId("device 1/2")).isFalse();
	}

	@Test
	void theStoredCopyHidesTheScopeToken() {
		ObjectNode message = ChangeReport.message(UUID.randomUUID(), "device-1", "Atza|secret",
				ChangeCause.APP_INTERACTION, List.of(), List.of(), 0);
		assertThat(ChangeReport.redacted(message).toString()).doesNotContain("Atza|secret").contains("(redacted)");
		assertThat(message.toString()).contains("Atza|secret");
	}

	private String report(List<String> changed, List<String> context, ChangeCause cause) {
		Instant now = Instant.now();
		return ChangeReport
			.message(UUID.randomUUID(), "kitchen-light_1=#;:?@&", "Atza|IwEBIExampleToken", cause, values(changed, now),
					values(context, now.minusSeconds(30)), 0)
			.toString();
	}

	private List<ReportedValue> values(List<String> properties, Instant at) {
		List<ReportedValue> values = new ArrayList<>();
		for (String property : properties) {
			AlexaStateProperty mapped = this.mapping.find(property).orElseThrow();
			values.add(new ReportedValue(mapped, mapped.convert(EVERY_MAPPED_PROPERTY.get(property)), at));
		}
		return values;
	}

}
