package com.virtdevice.alexa.grant;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.virtdevice.alexa.AlexaProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class GrantConfiguration {

	private static final Logger log = LoggerFactory.getLogger(GrantConfiguration.class);

	/**
	 * The key that encrypts tokens at rest. A production profile refuses to start without
	 * one; elsewhere a random key serves this process only, so grants stored by an
	 * earlier run cannot be read (they are left as they are) and users link again.
	 */
	@Bean
	TokenCipher tokenCipher(AlexaProperties properties, Environment environment) {
		String key = properties.tokenEncryptionKey();
		if (key != null && !key.isBlank()) {
			return TokenCipher.fromBase64(key);
		}
		if (environment.matchesProfiles("prod | production")) {
			throw new IllegalStateException("Refusing to start in a production profile without "
					+ "virtdevice.alexa.token-encryption-key (VIRTDEVICE_ALEXA_TOKEN_ENCRYPTION_KEY): Alexa tokens "
					+ "must be encrypted with a key that survives restarts. Generate one with: openssl rand -base64 32");
		}
		log.warn("No virtdevice.alexa.token-encryption-key configured: encrypting Alexa tokens with a random key "
				+ "of this process. Grants stored now will not be readable after a restart.");
		return TokenCipher.ephemeral();
	}

	@Bean
	Grants grants(JdbcClient jdbc, TokenCipher cipher, Clock clock) {
		return new Grants(jdbc, cipher, clock);
	}

	/** Runs before anything reads a token: both users of the grants depend on it. */
	@Bean
	TokenBindingUpgrade tokenBindingUpgrade(Grants grants, AlexaProperties properties) {
		return new TokenBindingUpgrade(grants, keyConfigured(properties));
	}

	@Bean
	GrantKeysHealthIndicator grantKeysHealthIndicator(Grants grants, AlexaProperties properties) {
		return new GrantKeysHealthIndicator(grants, keyConfigured(properties));
	}

	private static boolean keyConfigured(AlexaProperties properties) {
		String key = properties.tokenEncryptionKey();
		return key != null && !key.isBlank();
	}

	@Bean
	LwaClient lwaClient(AlexaProperties properties, Clock clock, RestClient.Builder builder) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
		requests.setReadTimeout(properties.requestTimeout());
		return new LwaClient(builder.clone().requestFactory(requests).build(), properties, clock);
	}

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService tokenRefresher() {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				new CustomizableThreadFactory("alexa-token-refresh-"));
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	@Bean
	@DependsOn("tokenBindingUpgrade")
	AccessTokens accessTokens(Grants grants, LwaClient lwa, TransactionTemplate transactions,
			ApplicationEventPublisher events, ExecutorService tokenRefresher, AlexaProperties properties, Clock clock,
			MeterRegistry meters) {
		return new AccessTokens(grants, lwa, transactions, events, tokenRefresher, properties.refreshAhead(), clock,
				meters);
	}

	@Bean
	@DependsOn("tokenBindingUpgrade")
	AlexaAccounts alexaAccounts(LwaClient lwa, Grants grants, ApplicationEventPublisher events) {
		return new AlexaAccounts(lwa, grants, events);
	}

}
