package com.virtdevice.localstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxSummaryTest {

	@Test
	void summarisesAChangeReportByDevicePropertyValueCauseAndRegion() {
		String report = """
				{"event":{"header":{"namespace":"Alexa","name":"ChangeReport"},"endpoint":{"endpointId":"lamp-1"},
				"payload":{"change":{"cause":{"type":"PHYSICAL_INTERACTION"},"properties":[
				{"namespace":"Alexa.BrightnessController","name":"brightness","value":75}]}}}}""";

		assertThat(Sandbox.summary(Sandbox.alexaPath("eu"), report)).contains("<td>lamp-1</td>",
				"<td>Alexa.BrightnessController / brightness</td>", "<td>75</td>", "<td>PHYSICAL_INTERACTION</td>",
				"<td>EU</td>");
	}

	@Test
	void summarisesAnIftttNotificationAndEscapesWhatItShows() {
		String notification = "{\"data\":[{\"user_id\":\"demo:<b>demo</b>\"}]}";

		assertThat(Sandbox.summary(Sandbox.IFTTT_PATH, notification)).contains("demo:&lt;b&gt;demo&lt;/b&gt;")
			.doesNotContain("<b>");
	}

	@Test
	void showsNoSummaryForABodyThatIsNotJson() {
		assertThat(Sandbox.summary(Sandbox.IFTTT_PATH, "not json")).isEmpty();
	}

}
