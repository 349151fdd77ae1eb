package com.virtdevice.publisher.device;

import java.util.HashMap;
import java.util.Map;

import com.virtdevice.events.ChangeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PropertyRulesTest {

	@ParameterizedTest
	@ValueSource(strings = { "powerState", "toggle:Oscillate", "range:Fan.Speed", "a", "x_1-2.3:4" })
	void acceptsPropertyNamesOfTheSpec(String name) {
		assertThatNoException().isThrownBy(() -> PropertyRules.checkName(name));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1power", "_x", "power state", "power/state", "ünicode", "x*" })
	void refusesOtherPropertyNames(String name) {
		assertThatExceptionOfType(InvalidDeviceRequest.class).isThrownBy(() -> PropertyRules.checkName(name));
	}

	@Test
	void refusesNamesLongerThan64Characters() {
		assertThatNoException().isThrownBy(() -> PropertyRules.checkName("p".repeat(64)));
		assertThatExceptionOfType(InvalidDeviceRequest.class).isThrownBy(() -> PropertyRules.checkName("p".repeat(65)));
	}

	@Test
	void valuesMayHaveUpTo1024Characters() {
		assertThatNoException().isThrownBy(() -> PropertyRules.checkValue("p", "v".repeat(1024)));
		assertThatExceptionOfType(InvalidDeviceRequest.class)
			.isThrownBy(() -> PropertyRules.checkValue("p", "v".repeat(1025)))
			.withMessageContaining("1025 characters; the limit is 1024");
		assertThatExceptionOfType(InvalidDeviceRequest.class).isThrownBy(() -> PropertyRules.checkValue("p", null));
	}

	@Test
	void limitsHowManyPropertiesOneRequestSets() {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < 101; i++) {
			values.put("p" + i, "v");
		}
		assertThatExceptionOfType(InvalidDeviceRequest.class)
			.isThrownBy(() -> PropertyRules.checkValues(values, false));
		assertThatExceptionOfType(InvalidDeviceRequest.class)
			.isThrownBy(() -> PropertyRules.checkValues(Map.of(), false));
		assertThatNoException().isThrownBy(() -> PropertyRules.checkValues(Map.of(), true));
	}

	@Test
	void theSourceDefaultsToApiAndMustBeKnown() {
		assertThat(PropertyRules.source(null)).isEqualTo(ChangeSource.API);
		assertThat(PropertyRules.source("alexa")).isEqualTo(ChangeSource.ALEXA);
		assertThatExceptionOfType(InvalidDeviceRequest.class).isThrownBy(() -> PropertyRules.source("voice"))
			.withMessageContaining("use alexa, ifttt, web or api");
	}

}
