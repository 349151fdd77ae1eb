package com.virtdevice.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import com.virtdevice.localstack.LocalStack;

/** Plain JDBC connections to the stack's database, for baselines and bookkeeping. */
final class Database {

	private final LocalStack stack;

	Database(LocalStack stack) {
		this.stack = stack;
	}

	Connection connect() throws SQLException {
		Properties credentials = new Properties();
		if (!this.stack.datasourceUsername().isEmpty()) {
			credentials.setProperty("user", this.stack.datasourceUsername());
			credentials.setProperty("password", this.stack.datasourcePassword());
		}
		return DriverManager.getConnection(this.stack.datasourceUrl(), credentials);
	}

	long queryLong(String sql) {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery(sql)) {
			row.next();
			return row.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	void execute(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	/** The highest sequence the publisher's relay has published. */
	long publishedSequence() {
		return queryLong("SELECT published_sequence FROM publisher.relay_state");
	}

	/** The highest sequence in the audit log. */
	long auditedSequence() {
		return queryLong("SELECT coalesce(max(sequence), 0) FROM activity.activity_log");
	}

	/** Sets one property of many devices in one transaction: one event per device. */
	static int setAll(Connection connection, String property, String value, String[] devices) throws SQLException {
		try (PreparedStatement update = connection.prepareStatement(
				"UPDATE publisher.device_properties SET value = ? WHERE name = ? AND device_id = ANY(?)")) {
			update.setString(1, value);
			update.setString(2, property);
			update.setArray(3, connection.createArrayOf("text", devices));
			return update.executeUpdate();
		}
	}

}
