package com.virtdevice.drills.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The activity-log as a consumer: its audit rows ({@code activity.activity_log}) after a
 * sequence, as {@link Arrivals} (arrival = the row's {@code recorded_at}). Rows are
 * counted as they are, so a duplicate row would show.
 */
public final class AuditTable {

	private AuditTable() {
	}

	public static Arrivals rowsAfter(DrillHub hub, long sequence) {
		Arrivals rows = new Arrivals("activity-log");
		try (Connection db = hub.database();
				PreparedStatement query = db.prepareStatement(
						"select event_id, sequence, recorded_at from activity.activity_log where sequence > ?")) {
			query.setLong(1, sequence);
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					rows.record(result.getObject(1, UUID.class), result.getLong(2), result.getTimestamp(3).toInstant());
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the audit table", ex);
		}
		return rows;
	}

}
