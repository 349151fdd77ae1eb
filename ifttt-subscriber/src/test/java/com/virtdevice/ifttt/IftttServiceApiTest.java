package com.virtdevice.ifttt;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The conformance check itself notices answers IFTTT's definition does not allow. */
class IftttServiceApiTest {

	private static final String TRIGGER = "/ifttt/v1/triggers/{stepSlug}";

	private IftttServiceApi api;

	@BeforeEach
	void load() {
		this.api = IftttServiceApi.find().orElse(null);
		assumeTrue(this.api != null, "IFTTT's service-api.yaml is not available");
	}

	@Test
	void acceptsAConformingTriggerAnswerAndError() {
		assertThat(this.api.problems(TRIGGER, "post", 200,
				"{\"data\":[{\"device_id\":\"d\",\"new_value\":\"ON\",\"meta\":{\"id\":\"e1\",\"timestamp\":1764244800}}]}"))
			.isEmpty();
		assertThat(this.api.problems(TRIGGER, "post", 401, "{\"errors\":[{\"message\":\"no\"}]}")).isEmpty();
	}

	@Test
	void rejectsNonStringIngredientsMissingMetaProblemJsonAndUndeclaredStatuses() {
		assertThat(this.api.problems(TRIGGER, "post", 200,
				"{\"data\":[{\"new_value\":80,\"meta\":{\"id\":\"e1\",\"timestamp\":1}}]}"))
			.isNotEmpty();
		assertThat(this.api.problems(TRIGGER, "post", 200, "{\"data\":[{\"new_value\":\"80\"}]}")).isNotEmpty();
		assertThat(this.api.problems(TRIGGER, "post", 200,
				"{\"data\":[{\"meta\":{\"id\":\"e1\",\"timestamp\":\"yesterday\"}}]}"))
			.isNotEmpty();
		assertThat(this.api.problems(TRIGGER, "post", 401, "{\"title\":\"Unauthorized\",\"status\":401}")).isNotEmpty();
		assertThat(this.api.problems(TRIGGER, "post", 403, "{\"errors\":[{\"message\":\"no\"}]}")).isNotEmpty();
		assertThat(this.api.problems("/ifttt/v1/user/info", "get", 200, "{\"data\":{\"id\":\"u1\"}}")).isNotEmpty();
	}

}
