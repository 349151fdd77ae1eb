package com.virtdevice.ifttt.history;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.virtdevice.events.DeviceStateEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code ifttt} schema's history of property changes and the stream position it is
 * complete up to. Plain JDBC: batch inserts that skip known {@code eventId}s and
 * keep-newest-N deletes are what this store does, and SQL says them directly.
 */
@Repository
public class HistoryStore {

	/**
	 * The whole batch as one statement (columns as arrays), answering which rows were
	 * new: one statement per batch rather than one per change.
	 */
	private static final String INSERT = """
			INSERT INTO ifttt.trigger_events
			    (event_id, sequence, tenant_id, user_id, device_id, property, old_value, new_value, source, changed_at)
			SELECT * FROM unnest(?::text[]::uuid[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
			                     ?::text[], ?::text[], ?::text[]::timestamptz[])
			ON CONFLICT (event_id) DO NOTHING
			RETURNING event_id""";

	/** The history of deleted devices, by owner and id, in one go. */
	private static final String DELETE_DEVICES = """
			DELETE FROM ifttt.trigger_events e
			USING unnest(?::text[], ?::text[], ?::text[]) AS d(tenant_id, user_id, device_id)
			WHERE e.tenant_id = d.tenant_id AND e.user_id = d.user_id AND e.device_id = d.device_id""";

	/** All but the newest N rows of each (tenant, user, device, property), in one go. */
	private static final String KEEP_NEWEST_PER_PROPERTY = """
			DELETE FROM ifttt.trigger_events WHERE id IN (
			    SELECT id FROM (
			        SELECT e.id, row_number() OVER (
			                   PARTITION BY e.tenant_id, e.user_id, e.device_id, e.property ORDER BY e.id DESC) AS newest
			        FROM ifttt.trigger_events e
			        JOIN unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS g(tenant_id, user_id, device_id, property)
			          ON e.tenant_id = g.tenant_id AND e.user_id = g.user_id
			         AND e.device_id = g.device_id AND e.property = g.property
			    ) ranked WHERE newest > ?)""";

	/**
	 * All but the newest N rows of each (tenant, user), in one go: the N-th newest row's
	 * id (OFFSET N - 1) is the oldest kept; a user with fewer rows has none and keeps
	 * all.
	 */
	private static final String KEEP_NEWEST_PER_USER = """
			DELETE FROM ifttt.trigger_events e USING (
			    SELECT g.tenant_id, g.user_id, (
			        SELECT k.id FROM ifttt.trigger_events k WHERE k.tenant_id = g.tenant_id AND k.user_id = g.user_id
			        ORDER BY k.id DESC OFFSET ? LIMIT 1) AS oldest_kept
			    FROM unnest(?::text[], ?::text[]) AS g(tenant_id, user_id)
			) bound
			WHERE e.tenant_id = bound.tenant_id AND e.user_id = bound.user_id AND e.id < bound.oldest_kept""";

	private final JdbcTemplate jdbc;

	private final JdbcClient client;

	public HistoryStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.client = JdbcClient.create(jdbc);
	}

	/**
	 * Stores property changes, skipping any whose {@code eventId} is already stored: one
	 * statement, whatever the number of changes.
	 * @return the changes that were new, in the given order
	 */
	public List<DeviceStateEvent> insertNew(List<DeviceStateEvent> changes) {
		if (changes.isEmpty()) {
			return List.of();
		}
		Set<UUID> inserted = new HashSet<>(
				this.jdbc.queryForList(INSERT, UUID.class, column(changes, (change) -> change.eventId().toString()),
						changes.stream().map(DeviceStateEvent::sequence).toArray(Long[]::new),
						column(changes, DeviceStateEvent::tenantId), column(changes, DeviceStateEvent::userId),
						column(changes, DeviceStateEvent::deviceId), column(changes, DeviceStateEvent::property),
						column(changes, DeviceStateEvent::oldValue), column(changes, DeviceStateEvent::newValue),
						column(changes, (change) -> change.source().wireName()),
						column(changes, (change) -> change.timestamp().toString())));
		return changes.stream().filter((change) -> inserted.contains(change.eventId())).toList();
	}

	private static String[] column(List<DeviceStateEvent> changes, Function<DeviceStateEvent, @Nullable String> value) {
		return changes.stream().map(value).toArray(String[]::new);
	}

	/**
	 * Deletes all but the newest {@code perProperty} changes of each group: one
	 * statement, whatever the number of groups.
	 */
	public void keepNewestPerProperty(Collection<PropertyGroup> groups, int perProperty) {
		if (!groups.isEmpty()) {
			this.jdbc.update(KEEP_NEWEST_PER_PROPERTY, texts(groups.stream().map(PropertyGroup::tenantId).toList()),
					texts(groups.stream().map(PropertyGroup::userId).toList()),
					texts(groups.stream().map(PropertyGroup::deviceId).toList()),
					texts(groups.stream().map(PropertyGroup::property).toList()), perProperty);
		}
	}

	/**
	 * Deletes all but the newest {@code perUser} changes of each user: one statement,
	 * whatever the number of users.
	 */
	public void keepNewestPerUser(Collection<UserKey> users, int perUser) {
		if (!users.isEmpty()) {
			this.jdbc.update(KEEP_NEWEST_PER_USER, perUser - 1, texts(users.stream().map(UserKey::tenantId).toList()),
					texts(users.stream().map(UserKey::userId).toList()));
		}
	}

	private static String[] texts(List<String> values) {
		return values.toArray(String[]::new);
	}

	/**
	 * Forgets the history of deleted devices (their {@code device_deleted} events): one
	 * statement, whatever their number.
	 */
	public int deleteDevices(List<DeviceStateEvent> deletions) {
		if (deletions.isEmpty()) {
			return 0;
		}
		return this.jdbc.update(DELETE_DEVICES, column(deletions, DeviceStateEvent::tenantId),
				column(deletions, DeviceStateEvent::userId), column(deletions, DeviceStateEvent::deviceId));
	}

	/** The sequence of the last event handled, if any was. */
	public OptionalLong position() {
		return this.client.sql("SELECT last_sequence FROM ifttt.stream_position WHERE id = 1")
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElseGet(OptionalLong::empty);
	}

	/** Records the sequence of the last event handled. */
	public void savePosition(long sequence) {
		this.client.sql("""
				INSERT INTO ifttt.stream_position (id, last_sequence, updated_at) VALUES (1, ?, now())
				ON CONFLICT (id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence, updated_at = now()""")
			.param(sequence)
			.update();
	}

	/** A user's newest changes matching the query, newest first. */
	public List<StoredChange> newest(HistoryQuery query) {
		StringBuilder sql = new StringBuilder("""
				SELECT event_id, device_id, property, old_value, new_value, source, changed_at
				FROM ifttt.trigger_events WHERE user_id = :user AND tenant_id = :tenant""");
		if (query.deviceId() != null) {
			sql.append(" AND device_id = :device");
		}
		if (query.property() != null) {
			sql.append(" AND property = :property");
		}
		sql.append(" ORDER BY id DESC LIMIT :limit");
		JdbcClient.StatementSpec statement = this.client.sql(sql.toString())
			.param("user", query.userId())
			.param("tenant", query.tenantId())
			.param("limit", query.limit());
		if (query.deviceId() != null) {
			statement = statement.param("device", query.deviceId());
		}
		if (query.property() != null) {
			statement = statement.param("property", query.property());
		}
		return statement
			.query((rs, row) -> new StoredChange(rs.getObject("event_id", UUID.class), rs.getString("device_id"),
					rs.getString("property"), rs.getString("old_value"), rs.getString("new_value"),
					rs.getString("source"), rs.getTimestamp("changed_at").toInstant()))
			.list();
	}

	/** One user's changes of one device property: the unit the history keeps N of. */
	public record PropertyGroup(String tenantId, String userId, String deviceId, String property) {

		static PropertyGroup of(DeviceStateEvent change) {
			return new PropertyGroup(change.tenantId(), change.userId(), change.deviceId(),
					String.valueOf(change.property()));
		}

	}

	/** A user, who is only one within a tenant. */
	public record UserKey(String tenantId, String userId) {

		static UserKey of(DeviceStateEvent change) {
			return new UserKey(change.tenantId(), change.userId());
		}

	}

}
