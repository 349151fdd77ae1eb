package com.virtdevice.alexa.grant;

import java.util.Base64;
import java.util.Map;

import com.virtdevice.alexa.AlexaProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** How a missing token encryption key behaves per profile. */
class TokenEncryptionKeyTest {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	@Test
	void aProductionProfileRefusesToStartWithoutAKey() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");
		assertThatIllegalStateException()
			.isThrownBy(() -> new GrantConfiguration().tokenCipher(properties(Map.of()), production))
			.withMessageContaining("token-encryption-key");
	}

	@Test
	void otherProfilesUseAKeyOfTheirOwnProcess() {
		TokenCipher first = new GrantConfiguration().tokenCipher(properties(Map.of()), new MockEnvironment());
		TokenCipher second = new GrantConfiguration().tokenCipher(properties(Map.of()), new MockEnvironment());
		assertThat(first.keyId()).isNotEqualTo(second.keyId());
	}

	@Test
	void aConfiguredKeyIsUsedInEveryProfile() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("production");
		TokenCipher cipher = new GrantConfiguration()
			.tokenCipher(properties(Map.of("virtdevice.alexa.token-encryption-key", KEY)), production);
		assertThat(cipher.keyId()).isEqualTo(TokenCipher.fromBase64(KEY).keyId());
	}

	@Test
	void secretsStayOutOfTheConfigurationsToString() {
		AlexaProperties properties = properties(
				Map.of("virtdevice.alexa.token-encryption-key", KEY, "virtdevice.alexa.client-secret", "s3cr3t"));
		assertThat(properties.toString()).doesNotContain(KEY).doesNotContain("s3cr3t");
	}

	private static AlexaProperties properties(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("virtdevice.alexa",
				AlexaProperties.class);
	}

}
