package com.virtdevice.localstack;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ExtraInstancesTest {

	@Test
	void countsTheInstancesOfEachNamedServiceAndOneOfTheOthers() {
		ExtraInstances instances = ExtraInstances.parse("event-publisher=2, dashboard-ws=3,activity-log=1");

		assertThat(instances.extraOf("event-publisher")).isEqualTo(1);
		assertThat(instances.extraOf("dashboard-ws")).isEqualTo(2);
		assertThat(instances.extraOf("activity-log")).isZero();
		assertThat(instances.extraOf("alexa-subscriber")).isZero();
	}

	@Test
	void withoutTheVariableEveryServiceRunsOnce() {
		assertThat(ExtraInstances.fromEnvironment(Map.of())).isEqualTo(ExtraInstances.NONE);
		assertThat(ExtraInstances.fromEnvironment(Map.of(ExtraInstances.VARIABLE, " "))).isEqualTo(ExtraInstances.NONE);
		assertThat(ExtraInstances.fromEnvironment(Map.of(ExtraInstances.VARIABLE, "dashboard-ws=2"))
			.extraOf("dashboard-ws")).isEqualTo(1);
	}

	@Test
	void refusesASecondInstanceOfTheConsumersThatWouldSendEverythingTwice() {
		assertThatIllegalArgumentException().isThrownBy(() -> ExtraInstances.parse("alexa-subscriber=2"))
			.withMessageContaining("alexa-subscriber runs as one instance only")
			.withMessageContaining("ChangeReport")
			.withMessageContaining("docs/operations.md");
		assertThatIllegalArgumentException().isThrownBy(() -> ExtraInstances.parse("ifttt-subscriber=2"))
			.withMessageContaining("notification");
		assertThat(ExtraInstances.parse("alexa-subscriber=1").extraOf("alexa-subscriber")).isZero();
	}

	@Test
	void saysWhatIsWrongWithAMalformedValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> ExtraInstances.parse("dashboard-ws"))
			.withMessageContaining("service=count");
		assertThatIllegalArgumentException().isThrownBy(() -> ExtraInstances.parse("dashboards=2"))
			.withMessageContaining("no service 'dashboards'");
		assertThatIllegalArgumentException().isThrownBy(() -> ExtraInstances.parse("dashboard-ws=two"))
			.withMessageContaining("not a number");
		assertThatIllegalArgumentException().isThrownBy(() -> ExtraInstances.parse("dashboard-ws=0"))
			.withMessageContaining("out of range");
		assertThatIllegalArgumentException().isThrownBy(() -> ExtraInstances.parse("dashboard-ws=5"))
			.withMessageContaining("out of range");
		assertThatIllegalArgumentException().isThrownBy(() -> ExtraInstances.parse("dashboard-ws=2,dashboard-ws=3"))
			.withMessageContaining("twice");
	}

}
