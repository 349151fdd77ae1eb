package com.virtdevice.ifttt;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IftttPropertiesTest {

	@Test
	void defaultsAreTheDocumentedOnes() {
		IftttProperties properties = bind(Map.of());

		assertThat(properties.realtimeUrl()).isEqualTo(URI.create("https://realtime.ifttt.com/v1/notifications"));
		assertThat(properties.hasServiceKey()).isFalse();
		assertThat(properties.realtime().window()).isEqualTo(Duration.ofMillis(100));
		assertThat(properties.realtime().maxBatchSize()).isEqualTo(1000);
		assertThat(properties.realtime().notifyIftttChanges()).isTrue();
		assertThat(properties.history().perProperty()).isEqualTo(50);
		assertThat(properties.history().startFromOldest()).isFalse();
		assertThat(properties.testSetup().enabled()).isFalse();
	}

	@Test
	void refusesBatchesOverIftttsLimitAndHistoriesUnderFifty() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("virtdevice.ifttt.realtime.max-batch-size", "1001")));
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("virtdevice.ifttt.history.per-property", "10")));
	}

	@Test
	void neverPrintsTheServiceKeyOrTestToken() {
		IftttProperties properties = bind(Map.of("virtdevice.ifttt.service-key", "very-secret-key",
				"virtdevice.ifttt.test-setup.access-token", "very-secret-token"));

		assertThat(properties.toString() + properties.testSetup()).doesNotContain("very-secret").contains("(set)");
	}

	private static IftttProperties bind(Map<String, String> settings) {
		SpringValidatorAdapter validator = new SpringValidatorAdapter(
				Validation.buildDefaultValidatorFactory().getValidator());
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("virtdevice.ifttt",
				Bindable.of(IftttProperties.class), new ValidationBindHandler(validator));
	}

}
