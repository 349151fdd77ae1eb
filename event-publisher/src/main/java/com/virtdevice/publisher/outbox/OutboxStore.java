package com.virtdevice.publisher.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventType;
import com.virtdevice.events.InvalidEventException;
import org.slf4j.LoggerFactory;

/**
 * The relay's SQL, run on its own connection (see {@link RelayConnections}): claiming the
 * leader's lock, giving recorded events their sequence, and remembering what was
 * published.
 */
final class OutboxStore {

	/**
	 * Advisory lock class of the relay; {@code notify_property_change()} uses 736401 per
	 * device.
	 */
	static final int RELAY_LOCK = 736402;

	private static final String EVENT_COLUMNS = "event_id, type, device_id, user_id, tenant_id, property, "
			+ "old_value, new_value, source, occurred_at";

	private OutboxStore() {
	}

	/** Tries to become the one relay; held until the connection closes. */
	static boolean tryLead(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?, 0)")) {
			statement.setInt(1, RELAY_LOCK);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	/** {@code [last assigned sequence, last known published sequence]}. */
	static long[] state(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT last_sequence, published_sequence FROM relay_state");
				ResultSet result = statement.executeQuery()) {
			result.next();
			return new long[] { result.getLong(1), result.getLong(2) };
		}
	}

	/**
	 * In one transaction: takes up to {@code limit} recorded events in commit order,
	 * gives them the next sequences and records how far publishing got. Returns them
	 * sequenced.
	 */
	static List<DeviceStateEvent> sequenceNext(Connection connection, int limit, long publishedSequence)
			throws SQLException {
		connection.setAutoCommit(false);
		try {
			long last = state(connection)[0];
			List<Long> ids = new ArrayList<>();
			List<DeviceStateEvent> events = new ArrayList<>();
			try (PreparedStatement select = connection.prepareStatement(
					"SELECT id, " + EVENT_COLUMNS + " FROM events WHERE sequence IS NULL ORDER BY id LIMIT ?")) {
				select.setInt(1, limit);
				try (ResultSet rows = select.executeQuery()) {
					while (rows.next()) {
						try {
							events.add(read(rows, last + events.size() + 1));
							ids.add(rows.getLong("id"));
						}
						catch (InvalidEventException ex) {
							reject(connection, rows.getLong("id"), ex.getMessage());
						}
					}
				}
			}
			if (!events.isEmpty()) {
				assign(connection, ids, last + 1);
			}
			try (PreparedStatement state = connection
				.prepareStatement("UPDATE relay_state SET last_sequence = ?, published_sequence = ?")) {
				state.setLong(1, last + events.size());
				state.setLong(2, publishedSequence);
				state.executeUpdate();
			}
			connection.commit();
			return events;
		}
		catch (SQLException | RuntimeException ex) {
			rollbackQuietly(connection);
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	/** Events already sequenced in {@code (after, through]}, in sequence order. */
	static List<DeviceStateEvent> sequenced(Connection connection, long after, long through) throws SQLException {
		List<DeviceStateEvent> events = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement("SELECT sequence, " + EVENT_COLUMNS
				+ " FROM events WHERE sequence > ? AND sequence <= ? ORDER BY sequence")) {
			select.setLong(1, after);
			select.setLong(2, through);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					events.add(read(rows, rows.getLong("sequence")));
				}
			}
		}
		return events;
	}

	static void recordPublished(Connection connection, long sequence) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("UPDATE relay_state SET published_sequence = ? WHERE published_sequence < ?")) {
			statement.setLong(1, sequence);
			statement.setLong(2, sequence);
			statement.executeUpdate();
		}
	}

	static long unsequencedCount(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT count(*) FROM events WHERE sequence IS NULL");
				ResultSet result = statement.executeQuery()) {
			result.next();
			return result.getLong(1);
		}
	}

	private static void assign(Connection connection, List<Long> ids, long first) throws SQLException {
		Long[] sequences = new Long[ids.size()];
		for (int i = 0; i < sequences.length; i++) {
			sequences[i] = first + i;
		}
		Array idArray = connection.createArrayOf("bigint", ids.toArray());
		Array sequenceArray = connection.createArrayOf("bigint", sequences);
		try (PreparedStatement update = connection.prepareStatement("UPDATE events e SET sequence = v.sequence "
				+ "FROM unnest(?::bigint[], ?::bigint[]) AS v (id, sequence) WHERE e.id = v.id")) {
			update.setArray(1, idArray);
			update.setArray(2, sequenceArray);
			update.executeUpdate();
		}
	}

	/**
	 * Moves a recorded event that is not a valid event (the schema's constraints should
	 * make this impossible) to {@code rejected_events}, so it neither blocks the relay
	 * nor takes a sequence.
	 */
	private static void reject(Connection connection, long id, String reason) throws SQLException {
		LoggerFactory.getLogger(OutboxStore.class)
			.error("Recorded event {} is not a valid event ({}); moved to " + "publisher.rejected_events", id, reason);
		try (PreparedStatement move = connection.prepareStatement("WITH moved AS (DELETE FROM events WHERE id = ? "
				+ "RETURNING *) INSERT INTO rejected_events SELECT moved.*, ? FROM moved")) {
			move.setLong(1, id);
			move.setString(2, reason);
			move.executeUpdate();
		}
	}

	private static DeviceStateEvent read(ResultSet row, long sequence) throws SQLException {
		EventType type = EventType.fromWireName(row.getString("type")).orElseThrow();
		return new DeviceStateEvent(type, row.getObject("event_id", UUID.class), sequence, row.getString("device_id"),
				row.getString("user_id"), row.getString("tenant_id"), row.getString("property"),
				row.getString("old_value"), row.getString("new_value"),
				ChangeSource.fromWireName(row.getString("source")).orElseThrow(),
				row.getObject("occurred_at", OffsetDateTime.class).toInstant());
	}

	private static void rollbackQuietly(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			// the connection is broken; the caller reconnects
		}
	}

}
