package com.virtdevice.support.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the token verifier of docs/contract.md §8 from {@link JwtProperties}. Only HS256
 * is accepted with a secret (so {@code alg: none} and other algorithms fail), and every
 * token must pass {@link HubTokenValidator}: an accepted issuer and audience, a bounded
 * lifetime, channel-safe {@code sub} and {@code tenant} claims.
 */
final class HubJwtDecoders {

	private static final Logger log = LoggerFactory.getLogger(HubJwtDecoders.class);

	private HubJwtDecoders() {
	}

	static JwtDecoder create(JwtProperties properties, Environment environment) {
		checkIssuers(properties);
		DevSignInGuard.check(properties, environment);
		if (properties.devSignIn().enabled()) {
			log.warn("Dev sign-in is ON ({}=true): tokens of {} are accepted, and anyone can get one. "
					+ "Local use only.", DevSignInGuard.ENABLED_PROPERTY, TokenIssuers.LOCAL);
		}
		NimbusJwtDecoder decoder;
		if (properties.hasJwkSetUri()) {
			decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
		}
		else {
			decoder = NimbusJwtDecoder.withSecretKey(secretKey(properties, environment))
				.macAlgorithm(MacAlgorithm.HS256)
				.build();
		}
		decoder.setJwtValidator(HubTokenValidator.of(properties, Clock.systemUTC()));
		return decoder;
	}

	private static void checkIssuers(JwtProperties properties) {
		if (properties.hasJwkSetUri() && properties.issuers().isEmpty()) {
			throw new IllegalStateException("virtdevice.security.jwt.jwk-set-uri is set but "
					+ "virtdevice.security.jwt.issuers is not: name the iss of your identity provider's tokens");
		}
		for (String issuer : properties.issuers()) {
			if (TokenIssuers.LOCAL.contains(issuer)) {
				throw new IllegalStateException("virtdevice.security.jwt.issuers must not name " + issuer
						+ ": its tokens are accepted only with " + DevSignInGuard.ENABLED_PROPERTY + "=true");
			}
		}
	}

	/** The HS256 key, refusing short secrets and, in production, a missing one. */
	static SecretKey secretKey(JwtProperties properties, Environment environment) {
		if (properties.hasSecret()) {
			byte[] secret = properties.secret().getBytes(StandardCharsets.UTF_8);
			if (secret.length < JwtProperties.MIN_SECRET_BYTES) {
				throw new IllegalStateException("virtdevice.security.jwt.secret (VIRTDEVICE_JWT_SECRET) is "
						+ secret.length + " bytes; HS256 needs at least " + JwtProperties.MIN_SECRET_BYTES);
			}
			return new SecretKeySpec(secret, "HmacSHA256");
		}
		if (environment.matchesProfiles(DevSignInGuard.PRODUCTION_PROFILES)) {
			throw new IllegalStateException("Refusing to start in a production profile without "
					+ "VIRTDEVICE_JWT_SECRET (virtdevice.security.jwt.secret) or "
					+ "virtdevice.security.jwt.jwk-set-uri: no token could be verified");
		}
		log.warn("No VIRTDEVICE_JWT_SECRET or JWK set URI configured: using a random key, so no token "
				+ "from elsewhere will be accepted. Set one of them to use the API.");
		byte[] random = new byte[JwtProperties.MIN_SECRET_BYTES];
		new SecureRandom().nextBytes(random);
		return new SecretKeySpec(random, "HmacSHA256");
	}

}
