package com.virtdevice.support.events;

import java.time.Instant;

import com.virtdevice.support.security.ServiceToken;
import com.virtdevice.support.security.ServiceTokenUnavailable;
import com.virtdevice.support.security.ServiceTokens;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code serviceToken} in {@code /actuator/health}: whether this consumer has a token for
 * the publisher's replay API, where it comes from and when it expires. DOWN when none can
 * be obtained (the identity provider refuses or does not answer) or a fixed one has
 * expired: without it the service cannot catch up or fill a gap.
 */
final class ServiceTokenHealthIndicator extends AbstractHealthIndicator {

	private final ServiceTokens tokens;

	ServiceTokenHealthIndicator(ServiceTokens tokens) {
		super("Service token health check failed");
		this.tokens = tokens;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("source", this.tokens.source());
		ServiceToken token;
		try {
			token = this.tokens.current();
		}
		catch (ServiceTokenUnavailable ex) {
			builder.down().withDetail("error", ex.getMessage());
			return;
		}
		Instant expiresAt = token.expiresAt();
		if (expiresAt != null) {
			builder.withDetail("expiresAt", expiresAt.toString());
		}
		if (expiresAt != null && expiresAt.isBefore(Instant.now())) {
			builder.down().withDetail("error", "The service token expired at " + expiresAt);
		}
		else {
			builder.up();
		}
	}

}
