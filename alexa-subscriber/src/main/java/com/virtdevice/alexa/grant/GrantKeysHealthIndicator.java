package com.virtdevice.alexa.grant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code grantKeys} in {@code /actuator/health}: DOWN while linked grants exist that this
 * instance cannot decrypt (written by an instance with another
 * {@code virtdevice.alexa.token-encryption-key}); how often it met one since it started
 * is a detail. Such grants are left as they are, never unlinked. With a random key of
 * this process only (no key configured, outside production) grants of an earlier run are
 * expected and only shown.
 */
final class GrantKeysHealthIndicator extends AbstractHealthIndicator {

	private final Grants grants;

	private final boolean keyConfigured;

	GrantKeysHealthIndicator(Grants grants, boolean keyConfigured) {
		super("Alexa grant key check failed");
		this.grants = grants;
		this.keyConfigured = keyConfigured;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		long otherKeys = this.grants.linkedWithOtherKeys();
		long unreadable = this.grants.unreadableHere();
		if (this.keyConfigured && otherKeys > 0) {
			builder.down();
		}
		else {
			builder.up();
		}
		builder.withDetail("keyId", this.grants.keyId())
			.withDetail("keyConfigured", this.keyConfigured)
			.withDetail("linkedGrantsOfOtherKeys", otherKeys)
			.withDetail("unreadableReadsSinceStart", unreadable);
	}

}
