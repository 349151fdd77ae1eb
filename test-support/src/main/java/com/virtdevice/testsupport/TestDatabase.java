package com.virtdevice.testsupport;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database of its own for one test context, on the shared test PostgreSQL server.
 *
 * @param name the database name
 * @param jdbcUrl the JDBC URL, as {@code spring.datasource.url} takes it
 * @param username the user to connect as, empty when the URL names it
 * @param password the password, empty for trust authentication or when the URL names it
 */
public record TestDatabase(String name, String jdbcUrl, String username, String password) {

	/** A new connection to this database; the caller closes it. */
	public Connection connect() throws SQLException {
		return PostgresServer.connect(this.jdbcUrl, this.username, this.password);
	}

}
