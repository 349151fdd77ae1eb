package com.virtdevice.support.security;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A service token and when it expires.
 *
 * @param value the bearer token
 * @param expiresAt its expiry, when known
 */
public record ServiceToken(String value, @Nullable Instant expiresAt) {

	@Override
	public String toString() {
		return "ServiceToken[expiresAt=" + this.expiresAt + "]";
	}

}
