package com.virtdevice.support.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens are verified (docs/contract.md §8). Exactly one of {@code secret} and
 * {@code jwk-set-uri} should be set; a production profile refuses to start with neither.
 *
 * @param secret the HS256 secret, at least 32 bytes (also {@code VIRTDEVICE_JWT_SECRET})
 * @param jwkSetUri verify tokens against this issuer's JWK set instead (also
 * {@code VIRTDEVICE_JWT_JWK_SET_URI})
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param issuers the accepted {@code iss} values; empty means {@link TokenIssuers#HUB}
 * with a secret, and is refused with a JWK set (name your identity provider's issuer)
 * @param audiences when not empty, a token's {@code aud} must name one of these
 * @param maxLifetime the longest {@code exp - iat} accepted
 * @param devSignIn the local sign-in: its tokens are accepted only while it is enabled
 */
@ConfigurationProperties("virtdevice.security.jwt")
public record JwtProperties(@Nullable String secret, @Nullable String jwkSetUri,
		@DefaultValue("30s") Duration clockSkew, @DefaultValue List<String> issuers,
		@DefaultValue List<String> audiences, @DefaultValue("24h") Duration maxLifetime,
		@DefaultValue DevSignIn devSignIn) {

	/** Shortest HS256 secret accepted, in bytes. */
	public static final int MIN_SECRET_BYTES = 32;

	/** Blank entries (an empty environment variable) name nothing. */
	public JwtProperties {
		issuers = issuers.stream().filter((issuer) -> !issuer.isBlank()).toList();
		audiences = audiences.stream().filter((audience) -> !audience.isBlank()).toList();
	}

	/** Settings with a secret or JWK set URI and every other setting at its default. */
	public static JwtProperties of(@Nullable String secret, @Nullable String jwkSetUri) {
		return new JwtProperties(secret, jwkSetUri, Duration.ofSeconds(30), List.of(), List.of(), Duration.ofHours(24),
				new DevSignIn(false));
	}

	public boolean hasSecret() {
		return this.secret != null && !this.secret.isBlank();
	}

	public boolean hasJwkSetUri() {
		return this.jwkSetUri != null && !this.jwkSetUri.isBlank();
	}

	/** The {@code iss} values tokens may carry here, the local issuers included if on. */
	public List<String> acceptedIssuers() {
		List<String> accepted = new ArrayList<>(this.issuers.isEmpty() ? List.of(TokenIssuers.HUB) : this.issuers);
		if (this.devSignIn.enabled()) {
			accepted.addAll(TokenIssuers.LOCAL);
		}
		return accepted;
	}

	@Override
	public String toString() {
		return "JwtProperties[secret=" + (hasSecret() ? "(set)" : "(none)") + ", jwkSetUri=" + this.jwkSetUri
				+ ", clockSkew=" + this.clockSkew + ", issuers=" + this.issuers + ", audiences=" + this.audiences
				+ ", maxLifetime=" + this.maxLifetime + ", devSignIn=" + this.devSignIn.enabled() + "]";
	}

	/**
	 * The dashboard's local sign-in, which mints a token for any user who asks. For the
	 * local stack only: refused with a production profile or a JWK set.
	 *
	 * @param enabled turn it on: the dashboard answers {@code POST /dev/sign-in}, and
	 * every service accepts the tokens of {@link TokenIssuers#LOCAL}
	 */
	public record DevSignIn(@DefaultValue("false") boolean enabled) {

	}

}
