package com.virtdevice.alexa;

import com.virtdevice.testsupport.AlexaSchema;

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

	@Test
	void changesMadeThroughAlexaAreNotReported() {
		String user = unique("user");
		link(user, Region.NA);
		String plug = device(user, Map.of("powerState", "OFF"));
		double skipped = count("virtdevice.alexa.events.skipped", "reason", "alexa_initiated");

		publisher.change(plug, "powerState", "ON", ChangeSource.ALEXA);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> count("virtdevice.alexa.events.skipped", "reason", "alexa_initiated") > skipped);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> na.reportsOf(plug).isEmpty());
	}

	@Test
	void rapidChangesOfOneDeviceGoOutAsOneReportWithTheLatestValues() {
		String user = unique("user");
		link(user, Region.NA);
		String light = device(user, Map.of("powerState", "OFF", "brightness", "0", "connectivity", "OK"));

		publisher.change(light, "brightness", "10", ChangeSource.WEB);
		publisher.change(light, "brightness", "20", ChangeSource.WEB);
		publisher.change(light, "powerState", "ON", ChangeSource.WEB);
		publisher.change(light, "brightness", "30", ChangeSource.IFTTT);

		JsonNode report = FakeGateway.body(awaitReports(na, light, 1).get(0));
		JsonNode changed = report.at("/event/payload/change/properties");
		assertThat(names(changed)).containsExactlyInAnyOrder("Alexa.BrightnessController", "Alexa.PowerController");
		assertThat(valueOf(changed, "Alexa.BrightnessController").asInt()).isEqualTo(30);
		assertThat(valueOf(changed, "Alexa.PowerController").asString()).isEqualTo("ON");
		assertThat(names(report.at("/context/properties"))).containsExactly("Alexa.EndpointHealth");
		assertThat(report.at("/event/payload/change/cause/type").asString()).isEqualTo("RULE_TRIGGER");
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> na.reportsOf(light).size() == 1);
	}

	@Test
	void valuesThatDoNotConvertAreLeftOutWhileTheOthersStillGo() {
		String user = unique("user");
		link(user, Region.NA);
		String light = device(user, Map.of("powerState", "OFF", "brightness", "10"));
		double unconvertible = count("virtdevice.alexa.values.unconvertible", "namespace",
				"Alexa.BrightnessController");

		publisher.change(light, "brightness", "bright", ChangeSource.API);
		publisher.change(light, "powerState", "ON", ChangeSource.API);

		RecordedRequest request = awaitReports(na, light, 1).get(0);
		JsonNode report = FakeGateway.body(request);
		assertThat(names(report.at("/event/payload/change/properties"))).containsExactly("Alexa.PowerController");
		assertThat(names(report.at("/context/properties"))).isEmpty();
		assertThat(report.at("/event/payload/change/cause/type").asString()).isEqualTo("PHYSICAL_INTERACTION");
		assertThat(count("virtdevice.alexa.values.unconvertible", "namespace", "Alexa.BrightnessController"))
			.isGreaterThan(unconvertible);
		if (AlexaSchema.isPresent()) {
			assertThat(AlexaSchema.errors(request.bodyAsString())).isEmpty();
		}
	}

	@Test
	void propertiesOutsideTheTableAndUnlinkedUsersAreNotReported() {
		String linked = unique("user");
		link(linked, Region.NA);
		String labelled = device(linked, Map.of("label", "hall"));
		String stranger = device(unique("user"), Map.of("powerState", "OFF"));
		double unmapped = count("virtdevice.alexa.events.skipped", "reason", "unmapped");
		double notLinked = count("virtdevice.alexa.events.skipped", "reason", "not_linked");

		publisher.change(labelled, "label", "porch", ChangeSource.WEB);
		publisher.change(stranger, "powerState", "ON", ChangeSource.WEB);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> count("virtdevice.alexa.events.skipped", "reason", "unmapped") > unmapped
					&& count("virtdevice.alexa.events.skipped", "reason", "not_linked") > notLinked);
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> na.reportsOf(labelled).isEmpty() && na.reportsOf(stranger).isEmpty());
	}

	@Test
	void reportsGoToTheGatewayOfTheUsersRegion() {
		String european = unique("user");
		String australian = unique("user");
		link(european, Region.EU);
		link(australian, Region.FE);
		String lock = device(european, Map.of("lockState", "UNLOCKED"));
		String sensor = device(australian, Map.of("temperature", "{\"value\":20,\"scale\":\"CELSIUS\"}"));

		publisher.change(lock, "lockState", "LOCKED", ChangeSource.API);
		publisher.change(sensor, "temperature", "{\"value\":21.5,\"scale\":\"CELSIUS\"}", ChangeSource.API);

		JsonNode locked = FakeGateway.body(awaitReports(eu, lock, 1).get(0));
		assertThat(valueOf(locked.at("/event/payload/change/properties"), "Alexa.LockController").asString())
			.isEqualTo("LOCKED");
		JsonNode warmer = FakeGateway.body(awaitReports(fe, sensor, 1).get(0));
		assertThat(valueOf(warmer.at("/event/payload/change/properties"), "Alexa.TemperatureSensor").path("value")
			.asDouble()).isEqualTo(21.5);
		assertThat(na.reportsOf(lock)).isEmpty();
		assertThat(na.reportsOf(sensor)).isEmpty();
		assertThat(fe.reportsOf(lock)).isEmpty();
	}

	@Test
	void theContextComesFromEventsOnceTheDeviceIsKnown() {
		String user = unique("user");
		link(user, Region.NA);
		String light = device(user, Map.of("powerState", "OFF", "brightness", "40"));

		publisher.change(light, "powerState", "ON", ChangeSource.WEB);
		awaitReports(na, light, 1);
		publisher.change(light, "brightness", "55", ChangeSource.WEB);
		JsonNode second = FakeGateway.body(awaitReports(na, light, 2).get(1));

		assertThat(valueOf(second.at("/event/payload/change/properties"), "Alexa.BrightnessController").asInt())
			.isEqualTo(55);
		assertThat(valueOf(second.at("/context/properties"), "Alexa.PowerController").asString()).isEqualTo("ON");
		assertThat(publisher.http().requests("/api/devices/" + light)).hasSize(1)
			.allSatisfy((lookup) -> assertThat(lookup.header("Authorization")).startsWith("Bearer "));
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
