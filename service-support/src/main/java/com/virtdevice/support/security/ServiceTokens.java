package com.virtdevice.support.security;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;

import com.nimbusds.jwt.JWTParser;
import org.jspecify.annotations.Nullable;

/**
 * The token a service presents when it calls another hub service (the publisher's replay
 * and device APIs), from one of these sources, in this order of preference:
 * <ul>
 * <li>{@code client-credentials}: obtained and renewed from the identity provider with
 * OAuth 2.0 client credentials (the {@code virtdevice} registration of
 * {@code spring.security.oauth2.client.*}), the way for JWK mode;</li>
 * <li>{@code configured}: a fixed {@code virtdevice.publisher.token}, which cannot
 * renew;</li>
 * <li>{@code signed}: signed here with the shared HS256 secret, short-lived and renewed
 * ahead of expiry ({@link SignedServiceTokens}).</li>
 * </ul>
 */
public final class ServiceTokens {

	private final String source;

	private final Supplier<ServiceToken> tokens;

	ServiceTokens(String source, Supplier<ServiceToken> tokens) {
		this.source = source;
		this.tokens = tokens;
	}

	/**
	 * A valid service token.
	 * @throws ServiceTokenUnavailable when none can be obtained
	 */
	public String token() {
		return current().value();
	}

	/**
	 * The current token and its expiry.
	 * @throws ServiceTokenUnavailable when none can be obtained
	 */
	public ServiceToken current() {
		return this.tokens.get();
	}

	/**
	 * Where tokens come from: {@code client-credentials}, {@code configured},
	 * {@code signed} or {@code none}.
	 */
	public String source() {
		return this.source;
	}

	/**
	 * A fixed token; its {@code exp} is read (not verified) so that health can tell when
	 * it lapsed.
	 */
	static ServiceTokens configured(String token) {
		ServiceToken fixed = new ServiceToken(token, expiryOf(token));
		return new ServiceTokens("configured", () -> fixed);
	}

	static ServiceTokens none() {
		return new ServiceTokens("none", () -> {
			throw new ServiceTokenUnavailable("No service token: configure the OAuth 2.0 client registration '"
					+ ClientCredentialsServiceTokens.REGISTRATION_ID + "' (spring.security.oauth2.client.*), or "
					+ "VIRTDEVICE_JWT_SECRET so that this service can sign its own");
		});
	}

	private static @Nullable Instant expiryOf(String token) {
		try {
			Date expiry = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
			return (expiry != null) ? expiry.toInstant() : null;
		}
		catch (ParseException ex) {
			return null;
		}
	}

}
