package com.virtdevice.alexa;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.virtdevice.alexa.grant.Region;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.testsupport.RecordedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a linked user's device changes turn into at the Event Gateway. */
class ChangeReportIT extends AlexaServiceHarness {

	@Test
	void reportsALightChangeOnceWithTheOtherPropertiesInContext() {
		String user = unique("user");
		link(user, Region.NA);
		String light = device(user,
				Map.of("powerState", "OFF", "brightness", "40", "colorTemperatureInKelvin", "2700", "color",
						"{\"hue\":120,\"saturation\":0.5,\"brightness\":0.75}", "connectivity", "OK", "toggle:Night",
						"ON", "label", "kitchen"));

		publisher.change(light, "powerState", "ON", ChangeSource.WEB);

		RecordedRequest request = awaitReports(na, light, 1).get(0);
		JsonNode report = FakeGateway.body(request);
		assertThat(request.header("Authorization")).startsWith("Bearer Atza|" + codeOf(user) + "|");
		assertThat(report.at("/event/endpoint/scope/token").asString())
			.isEqualTo(request.header("Authorization").substring("Bearer ".length()));
		assertThat(report.at("/event/header/name").asString()).isEqualTo("ChangeReport");
		assertThat(report.at("/event/endpoint/endpointId").asString()).isEqualTo(light);
		assertThat(report.at("/event/payload/change/cause/type").asString()).isEqualTo("APP_INTERACTION");
		JsonNode changed = report.at("/event/payload/change/properties");
		assertThat(changed).hasSize(1);
		assertThat(changed.get(0).path("namespace").asString()).isEqualTo("Alexa.PowerController");
		assertThat(changed.get(0).path("value").asString()).isEqualTo("ON");
		assertThat(changed.get(0).path("timeOfSample").asString()).matches("\\d{4}-.*T.*(\\.\\d{1,3})?Z");
		assertThat(names(report.at("/context/properties"))).containsExactlyInAnyOrder("Alexa.BrightnessController",
				"Alexa.ColorTemperatureController", "Alexa.ColorController", "Alexa.EndpointHealth",
				"Alexa.ToggleController");
		assertThat(valueOf(report.at("/context/properties"), "Alexa.BrightnessController").asInt()).isEqualTo(40);
		assertThat(valueOf(report.at("/context/properties"), "Alexa.ToggleController").asString()).isEqualTo("ON");
		if (AlexaSchema.isPresent()) {
			assertThat(AlexaSchema.errors(request.bodyAsString())).isEmpty();
		}
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> na.reportsOf(light).size() == 1);
	}

	private static List<String> names(JsonNode properties) {
		return properties.valueStream().map((property) -> property.path("namespace").asString()).toList();
	}

	private static JsonNode valueOf(JsonNode properties, String namespace) {
		return properties.valueStream()
			.filter((property) -> namespace.equals(property.path("namespace").asString()))
			.findFirst()
			.orElseThrow()
			.path("value");
	}

}
