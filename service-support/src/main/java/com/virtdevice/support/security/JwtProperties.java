package com.virtdevice.support.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens are verified (SPEC §8). Exactly one of {@code secret} and
 * {@code jwk-set-uri} should be set; a production profile refuses to start with neither.
 *
 * @param secret the HS256 secret, at least 32 bytes (also {@code VIRTDEVICE_JWT_SECRET})
 * @param jwkSetUri verify tokens against this issuer's JWK set instead (also
 * {@code VIRTDEVICE_JWT_JWK_SET_URI})
 * @param clockSkew tolerance for {@code exp} and {@code nbf}
 */
@ConfigurationProperties("virtdevice.security.jwt")
public record JwtProperties(@Nullable String secret, @Nullable String jwkSetUri,
		@DefaultValue("30s") Duration clockSkew) {

	/** Shortest HS256 secret accepted, in bytes. */
	public static final int MIN_SECRET_BYTES = 32;

	public boolean hasSecret() {
		return this.secret != null && !this.secret.isBlank();
	}

	public boolean hasJwkSetUri() {
		return this.jwkSetUri != null && !this.jwkSetUri.isBlank();
	}

	@Override
	public String toString() {
		return "JwtProperties[secret=" + (hasSecret() ? "(set)" : "(none)") + ", jwkSetUri=" + this.jwkSetUri
				+ ", clockSkew=" + this.clockSkew + "]";
	}

}
