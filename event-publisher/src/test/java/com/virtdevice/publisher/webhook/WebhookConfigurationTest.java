package com.virtdevice.publisher.webhook;

import java.time.Duration;
import java.util.Base64;

import com.virtdevice.publisher.PublisherProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class WebhookConfigurationTest {

	private final WebhookConfiguration configuration = new WebhookConfiguration();

	@Test
	void aProductionProfileRefusesToStartWithoutAKey() {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.configuration.webhookSecretCipher(properties(null), environment("prod")))
			.withMessageContaining("virtdevice.publisher.webhook.secret-key")
			.withMessageContaining("openssl rand -base64 32");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.configuration.webhookSecretCipher(properties(" "), environment("production")));
	}

	@Test
	void theConfiguredKeyEncryptsSoThatAnotherProcessWithItCanDecrypt() {
		String key = Base64.getEncoder().encodeToString(new byte[32]);
		SecretCipher first = this.configuration.webhookSecretCipher(properties(key), environment("prod"));
		SecretCipher second = this.configuration.webhookSecretCipher(properties(key), environment("prod"));

		assertThat(second.decrypt(first.encrypt("s3cret", "hook-1"), "hook-1")).isEqualTo("s3cret");
		assertThat(second.keyId()).isEqualTo(first.keyId());
	}

	@Test
	void withoutAKeyElsewhereEachProcessHasItsOwn() {
		SecretCipher first = this.configuration.webhookSecretCipher(properties(null), environment("local"));
		SecretCipher second = this.configuration.webhookSecretCipher(properties(null), environment("local"));

		assertThat(first.keyId()).isNotEqualTo(second.keyId());
	}

	@Test
	void refusesAKeyThatIsNoAesKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.configuration.webhookSecretCipher(properties("c2hvcnQ="), environment("prod")))
			.withMessageContaining("16, 24 or 32 bytes");
	}

	@Test
	void refusesToForgetDeliveryIdsWhileTheirSignaturesAreStillAccepted() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PublisherProperties("http://localhost", Duration.ofDays(7), false,
					Duration.ofMinutes(9),
					new PublisherProperties.Relay(true, 1, Duration.ofSeconds(1), Duration.ofSeconds(1),
							Duration.ofSeconds(1)),
					new PublisherProperties.Webhook(null, Duration.ofMinutes(5))))
			.withMessageContaining("idempotency-key-retention");
	}

	private static PublisherProperties properties(@Nullable String key) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		if (key != null) {
			source.put("virtdevice.publisher.webhook.secret-key", key);
		}
		return new Binder(source).bindOrCreate("virtdevice.publisher", PublisherProperties.class);
	}

	private static MockEnvironment environment(String profile) {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles(profile);
		return environment;
	}

}
