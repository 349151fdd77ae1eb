package com.virtdevice.publisher.replay;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventType;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sequenced events, as the replay API serves them. */
@Repository
class PublishedEvents {

	private static final String COLUMNS = "sequence, event_id, type, device_id, user_id, tenant_id, property, "
			+ "old_value, new_value, source, occurred_at";

	private final JdbcClient jdbc;

	PublishedEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The last sequence assigned. */
	long latestSequence() {
		Long latest = this.jdbc.sql("SELECT last_sequence FROM publisher.relay_state").query(Long.class).single();
		return (latest != null) ? latest : 0;
	}

	/**
	 * Events with {@code after < sequence <= through}, of one owner when given, in
	 * sequence order.
	 */
	List<DeviceStateEvent> between(long after, long through, int limit, @Nullable Owner owner) {
		if (owner == null) {
			return this.jdbc
				.sql("SELECT " + COLUMNS + " FROM publisher.events WHERE sequence > ? AND sequence <= ? "
						+ "ORDER BY sequence LIMIT ?")
				.params(after, through, limit)
				.query(PublishedEvents::event)
				.list();
		}
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM publisher.events WHERE user_id = ? AND sequence > ? AND sequence <= ? "
					+ "AND tenant_id = ? ORDER BY sequence LIMIT ?")
			.params(owner.userId(), after, through, owner.tenantId(), limit)
			.query(PublishedEvents::event)
			.list();
	}

	private static DeviceStateEvent event(ResultSet row, int number) throws SQLException {
		return new DeviceStateEvent(EventType.fromWireName(row.getString("type")).orElseThrow(),
				row.getObject("event_id", UUID.class), row.getLong("sequence"), row.getString("device_id"),
				row.getString("user_id"), row.getString("tenant_id"), row.getString("property"),
				row.getString("old_value"), row.getString("new_value"),
				ChangeSource.fromWireName(row.getString("source")).orElseThrow(),
				row.getObject("occurred_at", OffsetDateTime.class).toInstant());
	}

	/**
	 * @param userId the user whose events to read
	 * @param tenantId that user's tenant
	 */
	record Owner(String userId, String tenantId) {
	}

}
