package com.virtdevice.publisher.webhook;

import com.virtdevice.publisher.PublisherProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

	/**
	 * The key that encrypts webhook secrets at rest. A production profile refuses to
	 * start without one; elsewhere a random key serves this process only, so webhooks
	 * registered by an earlier run no longer verify (their calls are 401) and are
	 * registered again.
	 */
	@Bean
	SecretCipher webhookSecretCipher(PublisherProperties properties, Environment environment) {
		String key = properties.webhook().secretKey();
		if (key != null && !key.isBlank()) {
			return SecretCipher.fromBase64(key);
		}
		if (environment.matchesProfiles("prod | production")) {
			throw new IllegalStateException("Refusing to start in a production profile without " + SecretCipher.PROPERTY
					+ " (VIRTDEVICE_PUBLISHER_WEBHOOK_SECRET_KEY): webhook secrets must be encrypted with a key that "
					+ "survives restarts. Generate one with: openssl rand -base64 32");
		}
		log.warn("No {} configured: encrypting webhook secrets with a random key of this process. Webhooks "
				+ "registered now will not verify after a restart.", SecretCipher.PROPERTY);
		return SecretCipher.ephemeral();
	}

	/** Run by Flyway (Spring Boot hands it every {@code JavaMigration} bean). */
	@Bean
	V4__EncryptWebhookSecrets encryptWebhookSecrets(SecretCipher webhookSecretCipher) {
		return new V4__EncryptWebhookSecrets(webhookSecretCipher);
	}

}
