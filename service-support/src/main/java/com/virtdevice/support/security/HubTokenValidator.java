package com.virtdevice.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import com.virtdevice.events.Channels;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The claims every token must satisfy besides its signature: {@code exp} and {@code iat}
 * present and no more than {@code max-lifetime} apart, an accepted {@code iss}, an
 * accepted {@code aud} where audiences are configured, and channel-safe {@code sub} and
 * {@code tenant}.
 */
final class HubTokenValidator {

	private HubTokenValidator() {
	}

	static OAuth2TokenValidator<Jwt> of(JwtProperties properties, Clock clock) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setClock(clock);
		List<String> issuers = properties.acceptedIssuers();
		List<String> audiences = properties.audiences();
		return new DelegatingOAuth2TokenValidator<>(List.of(timestamps,
				check((jwt) -> jwt.getExpiresAt() != null, "The token has no exp claim"),
				check((jwt) -> lifetimeWithin(jwt, properties.maxLifetime(), properties.clockSkew(), clock),
						"The token has no iat claim, or lives longer than " + properties.maxLifetime()),
				check((jwt) -> issuers.contains(jwt.getClaimAsString(JwtClaimNames.ISS)),
						"The token's iss is not an accepted issuer"),
				check((jwt) -> audiences.isEmpty() || namesAny(jwt.getAudience(), audiences),
						"The token's aud names none of this service's audiences"),
				check((jwt) -> isChannelSafe(jwt.getSubject()), "The token's sub is missing or not channel-safe"),
				check((jwt) -> isChannelSafe(jwt.getClaimAsString(HubPrincipal.TENANT_CLAIM)),
						"The token's tenant is missing or not channel-safe")));
	}

	private static boolean lifetimeWithin(Jwt jwt, Duration maxLifetime, Duration clockSkew, Clock clock) {
		Instant issuedAt = jwt.getIssuedAt();
		Instant expiresAt = jwt.getExpiresAt();
		if (issuedAt == null || expiresAt == null || issuedAt.isAfter(clock.instant().plus(clockSkew))) {
			return false;
		}
		return Duration.between(issuedAt, expiresAt).compareTo(maxLifetime) <= 0;
	}

	private static boolean namesAny(Collection<String> audience, List<String> accepted) {
		return audience != null && audience.stream().anyMatch(accepted::contains);
	}

	private static boolean isChannelSafe(String id) {
		return id != null && Channels.isChannelSafe(id);
	}

	private static OAuth2TokenValidator<Jwt> check(Predicate<Jwt> test, String description) {
		OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null);
		return (jwt) -> test.test(jwt) ? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(error);
	}

}
