package com.virtdevice.dashboard.devsignin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import javax.crypto.spec.SecretKeySpec;

import com.virtdevice.support.security.JwtProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * Turns the dev sign-in on, with the {@code local} profile only. Refuses to start when a
 * production profile is active too, or when there is no HS256 secret to sign with (a JWK
 * set means tokens come from a real identity provider).
 */
@Configuration(proxyBeanMethods = false)
@Profile(DevSignInConfiguration.PROFILE)
class DevSignInConfiguration {

	static final String PROFILE = "local";

	static final String PRODUCTION_PROFILES = "prod | production";

	static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

	private static final Logger log = LoggerFactory.getLogger(DevSignInConfiguration.class);

	@Bean
	DevTokens devTokens(JwtProperties jwt, Environment environment) {
		if (environment.matchesProfiles(PRODUCTION_PROFILES)) {
			throw new IllegalStateException("Refusing to start: the dev sign-in (profile '" + PROFILE
					+ "') mints tokens for anyone and must never run with a production profile");
		}
		if (!jwt.hasSecret() || jwt.hasJwkSetUri()) {
			throw new IllegalStateException("The dev sign-in (profile '" + PROFILE
					+ "') signs tokens with VIRTDEVICE_JWT_SECRET (virtdevice.security.jwt.secret) and cannot be "
					+ "used without it or with a JWK set URI");
		}
		log.warn("Dev sign-in is ON (profile '{}'): POST /dev/sign-in mints a token for any user. Local use only.",
				PROFILE);
		SecretKeySpec key = new SecretKeySpec(jwt.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		return new DevTokens(key, Clock.systemUTC(), TOKEN_LIFETIME);
	}

}
