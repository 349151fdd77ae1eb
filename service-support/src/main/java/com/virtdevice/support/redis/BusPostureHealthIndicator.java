package com.virtdevice.support.redis;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code redisBus} in {@code /actuator/health}: which Redis user this service is, over
 * TLS or not, and whether it has more rights than it needs. UP unless the bus is open
 * where the service must refuse it (a production profile without
 * {@code virtdevice.redis.accept-open-bus}); an unknown posture (Redis unreachable) is
 * left to the {@code redis} component to report.
 */
final class BusPostureHealthIndicator extends AbstractHealthIndicator {

	private final BusPostureCheck check;

	BusPostureHealthIndicator(BusPostureCheck check) {
		super("Redis bus posture check failed");
		this.check = check;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		BusPosture posture = this.check.posture();
		((posture.open() && this.check.refusesOpenBus()) ? builder.down() : builder.up())
			.withDetail("posture", posture.verdict())
			.withDetail("user", posture.user())
			.withDetail("tls", posture.tls())
			.withDetail("role", String.valueOf(posture.role()));
		if (posture.open()) {
			builder.withDetail("excess", posture.excess()).withDetail("acceptedOpenBus", this.check.acceptsOpenBus());
		}
		if (posture.error() != null) {
			builder.withDetail("error", posture.error());
		}
	}

}
