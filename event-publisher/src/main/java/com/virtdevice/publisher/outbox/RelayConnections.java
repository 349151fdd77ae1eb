package com.virtdevice.publisher.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Opens the relay's own connections, outside the pool: the relay holds a session-level
 * advisory lock for as long as it leads, and LISTEN needs a connection that stays put. A
 * pooled connection would carry the lock back into the pool.
 */
@Component
class RelayConnections {

	private final DataSourceProperties properties;

	RelayConnections(DataSourceProperties properties) {
		this.properties = properties;
	}

	Connection open(String purpose) throws SQLException {
		Properties info = new Properties();
		String username = this.properties.determineUsername();
		if (username != null && !username.isEmpty()) {
			info.setProperty("user", username);
		}
		String password = this.properties.determinePassword();
		if (password != null && !password.isEmpty()) {
			info.setProperty("password", password);
		}
		info.setProperty("ApplicationName", "event-publisher " + purpose);
		info.setProperty("socketTimeout", "60");
		info.setProperty("tcpKeepAlive", "true");
		Connection connection = DriverManager.getConnection(this.properties.determineUrl(), info);
		try (var statement = connection.createStatement()) {
			statement.execute("SET search_path TO publisher");
		}
		return connection;
	}

}
