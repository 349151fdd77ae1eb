package com.virtdevice.alexa;

import java.util.Map;

import com.virtdevice.alexa.grant.Region;
import com.virtdevice.events.ChangeSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With Amazon's guidance switched on, changes made through Alexa are reported too. */
@TestPropertySource(properties = "virtdevice.alexa.report-alexa-initiated=true")
class AlexaInitiatedReportsIT extends AlexaServiceHarness {

	@Test
	void reportsAlexaInitiatedChangesAsVoiceInteraction() {
		String user = unique("user");
		link(user, Region.EU);
		String plug = device(user, Map.of("powerState", "OFF"));

		publisher.change(plug, "powerState", "ON", ChangeSource.ALEXA);

		JsonNode report = FakeGateway.body(awaitReports(eu, plug, 1).get(0));
		assertThat(report.at("/event/payload/change/cause/type").asString()).isEqualTo("VOICE_INTERACTION");
		assertThat(report.at("/event/payload/change/properties/0/value").asString()).isEqualTo("ON");
	}

}
