package com.virtdevice.ifttt.api;

import java.util.HashMap;
import java.util.Map;

import com.virtdevice.ifttt.api.TriggerRequest.TriggerPoll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TriggerRequestTest {

	@Test
	void defaultsToFiftyEventsOfAnyDeviceAndProperty() {
		assertThat(request("id-1", Map.of(), null).validated()).isEqualTo(new TriggerPoll("id-1", null, null, 50));
	}

	@Test
	void readsBothFiltersAndTreatsBlankFieldsAsNoFilter() {
		assertThat(request("id-1", Map.of("device_id", "lamp-1", "property", "powerState"), 3).validated())
			.isEqualTo(new TriggerPoll("id-1", "lamp-1", "powerState", 3));
		assertThat(request("id-1", Map.of("device_id", " ", "property", ""), 0).validated())
			.isEqualTo(new TriggerPoll("id-1", null, null, 0));
	}

	@Test
	void capsTheLimit() {
		assertThat(request("id-1", Map.of(), 1_000_000).validated().limit()).isEqualTo(TriggerRequest.MAX_LIMIT);
	}

	@Test
	void rejectsMissingIdentityOrFieldsNegativeLimitAndInvalidFilters() {
		assertInvalid(request(null, Map.of(), null), "trigger_identity is required");
		assertInvalid(request("id-1", null, null), "triggerFields is required");
		assertInvalid(request("id-1", Map.of(), -1), "limit must not be negative");
		assertInvalid(request("id-1", Map.of("device_id", 42), null), "triggerFields.device_id must be a string");
		assertInvalid(request("id-1", Map.of("device_id", "a:b"), null), "not a valid device id");
		assertInvalid(request("id-1", Map.of("property", "9lives"), null), "not a valid property name");
	}

	private static void assertInvalid(TriggerRequest request, String message) {
		assertThatExceptionOfType(InvalidTriggerRequest.class).isThrownBy(request::validated)
			.withMessageContaining(message);
	}

	private static TriggerRequest request(String identity, Map<String, Object> fields, Integer limit) {
		return new TriggerRequest(identity, (fields != null) ? new HashMap<>(fields) : null, Map.of("timezone", "UTC"),
				limit, null);
	}

}
