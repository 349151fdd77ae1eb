package com.virtdevice.support.security;

import java.util.Arrays;

import org.springframework.core.env.Environment;

/**
 * Refuses the local sign-in ({@code virtdevice.security.jwt.dev-sign-in.enabled}) where
 * it must never run: with a production profile, with a JWK set (tokens come from a real
 * identity provider there), or without the HS256 secret its tokens are signed with.
 */
public final class DevSignInGuard {

	/** The profiles that mean production. */
	public static final String PRODUCTION_PROFILES = "prod | production";

	/** The setting that turns the local sign-in on. */
	public static final String ENABLED_PROPERTY = "virtdevice.security.jwt.dev-sign-in.enabled";

	private DevSignInGuard() {
	}

	/**
	 * Throws when the local sign-in is on where it must not be; does nothing when off.
	 */
	public static void check(JwtProperties properties, Environment environment) {
		if (!properties.devSignIn().enabled()) {
			return;
		}
		if (environment.matchesProfiles(PRODUCTION_PROFILES)) {
			throw new IllegalStateException("Refusing to start: " + ENABLED_PROPERTY + "=true mints tokens for "
					+ "anyone and must never run with a production profile (active profiles: "
					+ Arrays.toString(environment.getActiveProfiles()) + ")");
		}
		if (properties.hasJwkSetUri()) {
			throw new IllegalStateException("Refusing to start: " + ENABLED_PROPERTY + "=true together with a JWK "
					+ "issuer (virtdevice.security.jwt.jwk-set-uri); tokens come from that identity provider");
		}
		if (!properties.hasSecret()) {
			throw new IllegalStateException("Refusing to start: " + ENABLED_PROPERTY + "=true signs tokens with "
					+ "VIRTDEVICE_JWT_SECRET (virtdevice.security.jwt.secret), which is not set");
		}
	}

}
