package com.virtdevice.alexa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.virtdevice.alexa.grant.Region;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.testsupport.ContractSchema;
import com.virtdevice.testsupport.RecordedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports the running service really sends to the Event Gateway obey the hub's own
 * ChangeReport schema ({@code docs/schemas/alexa-change-report.schema.json}) in every
 * build, whether or not Amazon's schema is around.
 */
class ChangeReportContractIT extends AlexaServiceHarness {

	private final ContractSchema schema = ContractSchema.named(ContractSchema.ALEXA_CHANGE_REPORT);

	@Test
	void everyReportSentForEachKindOfChangeObeysTheSchema() {
		String user = unique("user");
		link(user, Region.EU);
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("powerState", "OFF");
		properties.put("brightness", "40");
		properties.put("color", "{\"hue\":120,\"saturation\":0.5,\"brightness\":0.75}");
		properties.put("colorTemperatureInKelvin", "2700");
		properties.put("targetSetpoint", "{\"value\":20,\"scale\":\"CELSIUS\"}");
		properties.put("thermostatMode", "HEAT");
		properties.put("lockState", "LOCKED");
		properties.put("contact", "NOT_DETECTED");
		properties.put("connectivity", "OK");
		properties.put("toggle:Night", "ON");
		properties.put("range:Fan.Speed", "3");
		properties.put("mode:Wash.Cycle", "Wash.Cycle.Normal");
		properties.put("label", "not reported");
		String device = device(user, properties);
		List<Map.Entry<String, String>> changes = List.of(Map.entry("powerState", "ON"), Map.entry("brightness", "80"),
				Map.entry("targetSetpoint", "{\"value\":22.5,\"scale\":\"CELSIUS\"}"),
				Map.entry("lockState", "UNLOCKED"), Map.entry("toggle:Night", "OFF"),
				Map.entry("mode:Wash.Cycle", "Wash.Cycle.Delicates"));
		List<ChangeSource> sources = List.of(ChangeSource.WEB, ChangeSource.IFTTT, ChangeSource.API);

		List<RecordedRequest> reports = new ArrayList<>();
		for (int i = 0; i < changes.size(); i++) {
			publisher.change(device, changes.get(i).getKey(), changes.get(i).getValue(), sources.get(i % 3));
			reports = awaitReports(eu, device, i + 1);
		}

		for (RecordedRequest request : reports) {
			String body = request.bodyAsString();
			assertThat(this.schema.errors(body)).as(body).isEmpty();
			JsonNode report = FakeGateway.body(request);
			assertThat(request.header("Authorization"))
				.isEqualTo("Bearer " + report.at("/event/endpoint/scope/token").asString());
			List<String> changed = keys(report.at("/event/payload/change/properties"));
			assertThat(keys(report.at("/context/properties"))).as("a property is in one list, never both")
				.doesNotContainAnyElementsOf(changed)
				.hasSize(12 - changed.size());
		}
	}

	private static List<String> keys(JsonNode properties) {
		List<String> keys = new ArrayList<>();
		for (JsonNode property : properties) {
			keys.add(property.path("namespace").asString() + "/" + property.path("name").asString() + "/"
					+ property.path("instance").asString(""));
		}
		return keys;
	}

}
