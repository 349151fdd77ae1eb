package com.virtdevice.dashboard.devsignin;

import com.virtdevice.support.security.JwtProperties;
import com.virtdevice.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class DevSignInConfigurationTest {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(JwtSettings.class, DevSignInConfiguration.class)
		.withPropertyValues("virtdevice.security.jwt.secret=" + TestTokens.SECRET);

	@Test
	void isOffWithoutTheLocalProfile() {
		this.contexts.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DevTokens.class));
	}

	@Test
	void isOnWithTheLocalProfile() {
		this.contexts.withPropertyValues("spring.profiles.active=local")
			.run((context) -> assertThat(context).hasSingleBean(DevTokens.class));
	}

	@Test
	void refusesToStartWithTheLocalAndAProductionProfile() {
		for (String production : new String[] { "prod", "production" }) {
			this.contexts.withPropertyValues("spring.profiles.active=local," + production)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("must never run with a production profile"));
		}
	}

	@Test
	void refusesToStartWithoutASecretToSignWith() {
		new ApplicationContextRunner().withUserConfiguration(JwtSettings.class, DevSignInConfiguration.class)
			.withPropertyValues("spring.profiles.active=local")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("VIRTDEVICE_JWT_SECRET"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(JwtProperties.class)
	static class JwtSettings {

	}

}
