package com.virtdevice.publisher.outbox;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code relay} in {@code /actuator/health}: this instance's role, the sequences, and the
 * backlog — events recorded but not yet sequenced, plus sequenced but not yet published.
 * Down only when the relay cannot work at all (no database connection) or has stopped.
 */
@Component("relay")
class RelayHealthIndicator extends AbstractHealthIndicator {

	private final OutboxRelay relay;

	private final JdbcTemplate jdbc;

	RelayHealthIndicator(OutboxRelay relay, JdbcTemplate jdbc) {
		super("Outbox relay health check failed");
		this.relay = relay;
		this.jdbc = jdbc;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		RelayStatus status = this.relay.status();
		Long unsequenced = this.jdbc.queryForObject("SELECT count(*) FROM publisher.events WHERE sequence IS NULL",
				Long.class);
		boolean working = status.role() != RelayStatus.Role.DISCONNECTED && status.role() != RelayStatus.Role.STOPPED;
		(working ? builder.up() : builder.down()).withDetail("role", status.role())
			.withDetail("since", status.since().toString())
			.withDetail("lastSequence", status.lastSequence())
			.withDetail("publishedSequence", status.publishedSequence())
			.withDetail("backlog", ((unsequenced != null) ? unsequenced : 0)
					+ Math.max(0, status.lastSequence() - status.publishedSequence()));
		if (status.lastError() != null) {
			builder.withDetail("lastError", status.lastError());
		}
	}

}
