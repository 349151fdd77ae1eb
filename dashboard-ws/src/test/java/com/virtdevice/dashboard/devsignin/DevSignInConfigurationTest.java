package com.virtdevice.dashboard.devsignin;

import com.nimbusds.jwt.JWTParser;
import com.virtdevice.support.security.JwtProperties;
import com.virtdevice.support.security.TokenIssuers;
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

	private final ApplicationContextRunner enabled = this.contexts
		.withPropertyValues("virtdevice.security.jwt.dev-sign-in.enabled=true");

	@Test
	void isOffWithoutTheExplicitSettingWhateverTheProfiles() {
		for (String profiles : new String[] { "", "local", "local,staging", "local,live" }) {
			this.contexts.withPropertyValues("spring.profiles.active=" + profiles)
				.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DevTokens.class));
		}
	}

	@Test
	void isOnWithTheExplicitSettingAndMintsTokensOfTheDevSignInIssuer() {
		this.enabled.run((context) -> {
			assertThat(context).hasSingleBean(DevTokens.class);
			String token = context.getBean(DevTokens.class).mint("grace", "tenant-of-grace").token();
			assertThat(JWTParser.parse(token).getJWTClaimsSet().getIssuer()).isEqualTo(TokenIssuers.DEV_SIGN_IN);
		});
	}

	@Test
	void refusesToStartWithAProductionProfile() {
		for (String production : new String[] { "prod", "production", "local,prod" }) {
			this.enabled.withPropertyValues("spring.profiles.active=" + production)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("must never run with a production profile"));
		}
	}

	@Test
	void refusesToStartWithAJwkIssuer() {
		this.enabled
			.withPropertyValues("virtdevice.security.jwt.jwk-set-uri=https://idp.example/jwks",
					"virtdevice.security.jwt.issuers=https://idp.example")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("JWK issuer"));
	}

	@Test
	void refusesToStartWithoutASecretToSignWith() {
		new ApplicationContextRunner().withUserConfiguration(JwtSettings.class, DevSignInConfiguration.class)
			.withPropertyValues("virtdevice.security.jwt.dev-sign-in.enabled=true")
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
