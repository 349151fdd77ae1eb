package com.virtdevice.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import javax.crypto.SecretKey;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Service tokens signed with the shared HS256 secret: issuer {@link TokenIssuers#HUB},
 * subject {@code service-<name>}, tenant {@code system}, scopes
 * {@code events:replay ops:read}, the configured audiences, valid one hour and renewed
 * five minutes ahead of expiry.
 */
final class SignedServiceTokens implements Supplier<ServiceToken> {

	private static final Duration LIFETIME = Duration.ofHours(1);

	private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

	private final NimbusJwtEncoder encoder;

	private final String subject;

	private final List<String> audiences;

	private final Clock clock;

	private @Nullable ServiceToken current;

	SignedServiceTokens(SecretKey key, String serviceName, List<String> audiences, Clock clock) {
		this.encoder = NimbusJwtEncoder.withSecretKey(key).build();
		this.subject = "service-" + serviceName;
		this.audiences = List.copyOf(audiences);
		this.clock = clock;
	}

	@Override
	public synchronized ServiceToken get() {
		Instant now = this.clock.instant();
		ServiceToken token = this.current;
		if (token == null || token.expiresAt() == null || now.isAfter(token.expiresAt().minus(RENEW_BEFORE))) {
			token = mint(now);
			this.current = token;
		}
		return token;
	}

	private ServiceToken mint(Instant now) {
		Instant expires = now.plus(LIFETIME);
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(TokenIssuers.HUB)
			.subject(this.subject)
			.claim(HubPrincipal.TENANT_CLAIM, "system")
			.claim("scope", Scopes.EVENTS_REPLAY + " " + Scopes.OPS_READ)
			.issuedAt(now)
			.expiresAt(expires);
		if (!this.audiences.isEmpty()) {
			claims.audience(this.audiences);
		}
		String value = this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
		return new ServiceToken(value, expires);
	}

}
