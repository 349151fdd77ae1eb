package com.virtdevice.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Mints the JWTs of docs/contract.md §8 for tests — valid ones and every kind of bad one
 * ({@code alg:
 * none}, wrong key, expired, not yet valid, missing claims, another issuer or audience,
 * too long a lifetime). {@link RealInfrastructure} contexts verify tokens with
 * {@link #SECRET}. Tokens carry the hub's own issuer, {@link #ISSUER}, unless told
 * otherwise.
 */
public final class TestTokens {

	/** The HS256 secret test contexts use (at least 32 bytes). */
	public static final String SECRET = "virtdevice-test-secret-0123456789abcdef";

	/** The hub's own {@code iss} ({@code TokenIssuers.HUB} in service-support). */
	public static final String ISSUER = "virtdevice-hub";

	private TestTokens() {
	}

	/** A token for a user in a tenant, valid for an hour, with no scopes yet. */
	public static Builder forUser(String userId, String tenantId) {
		return new Builder(userId, tenantId);
	}

	/** A fluent token under construction. */
	public static final class Builder {

		private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();

		private String secret = SECRET;

		private Builder(String userId, String tenantId) {
			Instant now = Instant.now();
			this.claims.issuer(ISSUER)
				.subject(userId)
				.claim("tenant", tenantId)
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofHours(1))));
		}

		/** The space-separated {@code scope} claim. */
		public Builder scopes(String... scopes) {
			this.claims.claim("scope", String.join(" ", scopes));
			return this;
		}

		public Builder expiresAt(Instant expiry) {
			this.claims.expirationTime(Date.from(expiry));
			return this;
		}

		public Builder issuedAt(Instant issuedAt) {
			this.claims.issueTime(Date.from(issuedAt));
			return this;
		}

		/** The {@code iss} claim ({@code null} removes it). */
		public Builder issuer(@Nullable String issuer) {
			this.claims.issuer(issuer);
			return this;
		}

		/** The {@code aud} claim. */
		public Builder audience(String... audience) {
			this.claims.audience(List.of(audience));
			return this;
		}

		public Builder notBefore(Instant notBefore) {
			this.claims.notBeforeTime(Date.from(notBefore));
			return this;
		}

		/** Sets (or, with {@code null}, removes) any claim. */
		public Builder claim(String name, @Nullable Object value) {
			this.claims.claim(name, value);
			return this;
		}

		/** Signs with another secret than the services know. */
		public Builder signedWith(String otherSecret) {
			this.secret = otherSecret;
			return this;
		}

		/** The signed HS256 token. */
		public String sign() {
			try {
				SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), this.claims.build());
				jwt.sign(new MACSigner(this.secret.getBytes(StandardCharsets.UTF_8)));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * The same claims signed by someone else, e.g. a
		 * {@link FakeIdentityProvider#sign(JWTClaimsSet) fake identity provider} for a
		 * hub that verifies tokens against its JWK set.
		 */
		public String signedBy(Function<JWTClaimsSet, String> signer) {
			return signer.apply(this.claims.build());
		}

		/** The same claims with {@code alg: none} and no signature. */
		public String unsigned() {
			return new PlainJWT(this.claims.build()).serialize();
		}

	}

}
