package com.virtdevice.dashboard.devsignin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.crypto.SecretKey;

import com.virtdevice.support.security.HubPrincipal;
import com.virtdevice.support.security.Scopes;
import com.virtdevice.support.security.TokenIssuers;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Mints user tokens with the hub's HS256 secret, as an identity provider would: the
 * scopes a dashboard user has ({@code devices:read devices:write events:read}), issuer
 * {@link TokenIssuers#DEV_SIGN_IN} (accepted only where the dev sign-in is enabled) and
 * the configured audiences. Exists only with the dev sign-in enabled.
 */
public final class DevTokens {

	static final String USER_SCOPES = String.join(" ", Scopes.DEVICES_READ, Scopes.DEVICES_WRITE, Scopes.EVENTS_READ);

	private final NimbusJwtEncoder encoder;

	private final Clock clock;

	private final Duration lifetime;

	private final List<String> audiences;

	DevTokens(SecretKey key, Clock clock, Duration lifetime, List<String> audiences) {
		this.encoder = NimbusJwtEncoder.withSecretKey(key).build();
		this.clock = clock;
		this.lifetime = lifetime;
		this.audiences = List.copyOf(audiences);
	}

	DevToken mint(String userId, String tenantId) {
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.lifetime);
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.subject(userId)
			.claim(HubPrincipal.TENANT_CLAIM, tenantId)
			.claim("scope", USER_SCOPES)
			.issuer(TokenIssuers.DEV_SIGN_IN)
			.issuedAt(now)
			.expiresAt(expiresAt);
		if (!this.audiences.isEmpty()) {
			claims.audience(this.audiences);
		}
		String token = this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
		return new DevToken(token, userId, tenantId, expiresAt);
	}

	/**
	 * A minted token.
	 *
	 * @param token the JWT
	 * @param userId its {@code sub}
	 * @param tenantId its {@code tenant}
	 * @param expiresAt its {@code exp}
	 */
	record DevToken(String token, String userId, String tenantId, Instant expiresAt) {

		@Override
		public String toString() {
			return "DevToken[userId=" + this.userId + ", tenantId=" + this.tenantId + ", expiresAt=" + this.expiresAt
					+ "]";
		}

	}

}
