package com.virtdevice.alexa.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.virtdevice.alexa.AlexaProperties.TemperatureScale;
import com.virtdevice.testsupport.ContractSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every report this service can build obeys the hub's own ChangeReport schema
 * ({@code docs/schemas/alexa-change-report.schema.json}, written from docs/contract.md
 * §7.2–7.3), which is part of every clone, so this check always runs. Amazon's own schema
 * is checked by {@link ChangeReportSchemaTest} where it is available.
 */
class ChangeReportContractTest {

	/** A stored value of every row of the mapping table. */
	private static final Map<String, String> EVERY_MAPPED_PROPERTY = new LinkedHashMap<>();

	static {
		EVERY_MAPPED_PROPERTY.put("powerState", "on");
		EVERY_MAPPED_PROPERTY.put("brightness", "85");
		EVERY_MAPPED_PROPERTY.put("percentage", "30.0");
		EVERY_MAPPED_PROPERTY.put("color", "{\"hue\":350.5,\"saturation\":0.7138,\"brightness\":0.6524}");
		EVERY_MAPPED_PROPERTY.put("colorTemperatureInKelvin", "5500");
		EVERY_MAPPED_PROPERTY.put("targetSetpoint", "{\"value\":21.5,\"scale\":\"CELSIUS\"}");
		EVERY_MAPPED_PROPERTY.put("lowerSetpoint", "{\"value\":68,\"scale\":\"FAHRENHEIT\"}");
		EVERY_MAPPED_PROPERTY.put("upperSetpoint", "24");
		EVERY_MAPPED_PROPERTY.put("thermostatMode", "ECO");
		EVERY_MAPPED_PROPERTY.put("temperature", "{\"value\":295.15,\"scale\":\"KELVIN\"}");
		EVERY_MAPPED_PROPERTY.put("contact", "DETECTED");
		EVERY_MAPPED_PROPERTY.put("motion", "NOT_DETECTED");
		EVERY_MAPPED_PROPERTY.put("lockState", "JAMMED");
		EVERY_MAPPED_PROPERTY.put("connectivity", "{\"value\":\"UNREACHABLE\"}");
		EVERY_MAPPED_PROPERTY.put("toggle:Oscillate", "OFF");
		EVERY_MAPPED_PROPERTY.put("range:Fan.Speed", "7.5");
		EVERY_MAPPED_PROPERTY.put("mode:Wash.Cycle", "Wash.Cycle.Delicates");
	}

	private final ContractSchema schema = ContractSchema.named(ContractSchema.ALEXA_CHANGE_REPORT);

	private final PropertyMapping mapping = new PropertyMapping(TemperatureScale.CELSIUS);

	@Test
	void aReportOfEachMappedPropertyWithEveryOtherInContextObeysTheSchemaForEveryCause() {
		for (String property : EVERY_MAPPED_PROPERTY.keySet()) {
			List<String> others = new ArrayList<>(EVERY_MAPPED_PROPERTY.keySet());
			others.remove(property);
			for (ChangeCause cause : ChangeCause.values()) {
				String alone = report(List.of(property), List.of(), cause);
				assertThat(this.schema.errors(alone)).as(property + " " + cause + ": " + alone).isEmpty();
				String withContext = report(List.of(property), others, cause);
				assertThat(this.schema.errors(withContext)).as(property + " " + cause + " in context").isEmpty();
			}
		}
	}

	@Test
	void aReportOfEveryChangeAtOnceObeysTheSchema() {
		String everything = report(List.copyOf(EVERY_MAPPED_PROPERTY.keySet()), List.of(), ChangeCause.RULE_TRIGGER);

		assertThat(this.schema.errors(everything)).isEmpty();
	}

	@Test
	void timesOfSampleAtAnyInstantObeyTheSchema() {
		AlexaStateProperty power = this.mapping.find("powerState").orElseThrow();
		for (Instant at : List.of(Instant.parse("2026-11-27T12:00:00Z"), Instant.parse("2026-11-27T12:00:00.1Z"),
				Instant.parse("2026-11-27T12:00:00.123456789Z"), Instant.parse("2028-02-29T23:59:59.999999Z"))) {
			String report = ChangeReport
				.message(UUID.randomUUID(), "device-1", "Atza|token", ChangeCause.APP_INTERACTION,
						List.of(new ReportedValue(power, power.convert("OFF"), at)), List.of(), 0)
				.toString();
			assertThat(this.schema.errors(report)).as(at.toString()).isEmpty();
		}
	}

	@Test
	void theSchemaRefusesWhatTheContractRulesOut() {
		AlexaStateProperty brightness = this.mapping.find("brightness").orElseThrow();
		AlexaStateProperty lock = this.mapping.find("lockState").orElseThrow();
		Instant now = Instant.now();

		assertThat(errors(List.of(new ReportedValue(brightness, IntNode.valueOf(101), now)))).isNotEmpty();
		assertThat(errors(List.of(new ReportedValue(lock, StringNode.valueOf("OPEN"), now)))).isNotEmpty();
		assertThat(errors(List.of())).as("a report without a change").isNotEmpty();
		String valid = report(List.of("powerState"), List.of("brightness"), ChangeCause.APP_INTERACTION);
		assertThat(this.schema.errors(valid)).isEmpty();
		assertThat(this.schema
			.errors(valid.replaceAll("\"timeOfSample\":\"([^\"]*?)(\\.\\d+)?Z\"", "\"timeOfSample\":\"$1.1234Z\"")))
			.as("four fraction digits")
			.isNotEmpty();
		assertThat(this.schema.errors(valid.replace("\"ChangeReport\"", "\"StateReport\""))).isNotEmpty();
		assertThat(this.schema.errors(valid.replace("\"APP_INTERACTION\"", "\"WEB\""))).isNotEmpty();
		assertThat(this.schema.errors(valid.replace("Alexa.BrightnessController", "Alexa.SpeakerController")))
			.as("an interface outside the mapping table")
			.isNotEmpty();
		ObjectNode badEndpoint = ChangeReport.message(UUID.randomUUID(), "device 1/2", "Atza|token",
				ChangeCause.APP_INTERACTION, List.of(new ReportedValue(brightness, IntNode.valueOf(5), now)), List.of(),
				0);
		assertThat(this.schema.errors(badEndpoint.toString())).isNotEmpty();
	}

	@Test
	void aToggleWithoutItsInstanceIsRefused() {
		String toggle = report(List.of("toggle:Oscillate"), List.of(), ChangeCause.APP_INTERACTION);
		assertThat(this.schema.errors(toggle)).isEmpty();

		assertThat(this.schema.errors(toggle.replace("\"instance\":\"Oscillate\",", ""))).isNotEmpty();
	}

	private Set<String> errors(List<ReportedValue> changed) {
		return this.schema.errors(ChangeReport
			.message(UUID.randomUUID(), "device-1", "Atza|token", ChangeCause.APP_INTERACTION, changed, List.of(), 0)
			.toString());
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
