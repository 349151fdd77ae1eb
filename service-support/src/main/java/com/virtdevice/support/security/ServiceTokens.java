package com.virtdevice.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.SecretKey;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The token a service presents when it calls another hub service (the publisher's replay
 * and device APIs). Either configured ({@code virtdevice.publisher.token}, e.g. issued by
 * the identity provider that runs the JWK set) or minted here with the shared HS256
 * secret: subject {@code service-<name>}, tenant {@code system}, scopes
 * {@code events:replay ops:read}, valid one hour and renewed ahead of expiry.
 */
public final class ServiceTokens {

	private static final Duration LIFETIME = Duration.ofHours(1);

	private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

	private final @Nullable String configured;

	private final @Nullable NimbusJwtEncoder encoder;

	private final String subject;

	private final Clock clock;

	private @Nullable String current;

	private Instant expires = Instant.MIN;

	ServiceTokens(@Nullable String configured, @Nullable SecretKey key, String serviceName, Clock clock) {
		this.configured = (configured != null && !configured.isBlank()) ? configured : null;
		this.encoder = (key != null) ? NimbusJwtEncoder.withSecretKey(key).build() : null;
		this.subject = "service-" + serviceName;
		this.clock = clock;
	}

	/** A valid service token. */
	public synchronized String token() {
		if (this.configured != null) {
			return this.configured;
		}
		Instant now = this.clock.instant();
		if (this.current == null || now.isAfter(this.expires.minus(RENEW_BEFORE))) {
			mint(now);
		}
		return this.current;
	}

	private void mint(Instant now) {
		if (this.encoder == null) {
			throw new IllegalStateException("No service token: set virtdevice.publisher.token, or "
					+ "VIRTDEVICE_JWT_SECRET so that this service can sign its own");
		}
		this.expires = now.plus(LIFETIME);
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(this.subject)
			.claim(HubPrincipal.TENANT_CLAIM, "system")
			.claim("scope", Scopes.EVENTS_REPLAY + " " + Scopes.OPS_READ)
			.issuedAt(now)
			.expiresAt(this.expires)
			.build();
		this.current = this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

}
