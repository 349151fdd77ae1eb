package com.virtdevice.dashboard.devsignin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import javax.crypto.spec.SecretKeySpec;

import com.virtdevice.support.security.DevSignInGuard;
import com.virtdevice.support.security.JwtProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Turns the dev sign-in on, only with the explicit setting
 * {@code virtdevice.security.jwt.dev-sign-in.enabled=true} (which the local stack sets).
 * Refuses to start with a production profile, with a JWK set (tokens come from a real
 * identity provider there) or without an HS256 secret to sign with.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(DevSignInGuard.ENABLED_PROPERTY)
class DevSignInConfiguration {

	static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

	private static final Logger log = LoggerFactory.getLogger(DevSignInConfiguration.class);

	@Bean
	DevTokens devTokens(JwtProperties jwt, Environment environment) {
		DevSignInGuard.check(jwt, environment);
		log.warn("Dev sign-in is ON ({}=true): POST /dev/sign-in mints a token for any user and tenant. "
				+ "Local use only.", DevSignInGuard.ENABLED_PROPERTY);
		SecretKeySpec key = new SecretKeySpec(String.valueOf(jwt.secret()).getBytes(StandardCharsets.UTF_8),
				"HmacSHA256");
		return new DevTokens(key, Clock.systemUTC(), TOKEN_LIFETIME, jwt.audiences());
	}

}
