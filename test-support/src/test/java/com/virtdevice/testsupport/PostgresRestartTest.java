package com.virtdevice.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An embedded server with a data directory goes away and comes back on the same port with
 * its data, as the PostgreSQL outage drill needs.
 */
class PostgresRestartTest {

	@Test
	void comesBackOnTheSamePortWithItsData(@TempDir Path directory) throws SQLException {
		try (PostgresServer server = PostgresServer.embedded(directory.resolve("data"))) {
			TestDatabase database = server.database("restart_probe");
			int port = server.port();
			try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
				statement.execute("create table kept (id int primary key)");
				statement.execute("insert into kept values (42)");
			}

			server.stop();
			assertThat(server.isRunning()).isFalse();
			assertThatExceptionOfType(SQLException.class).isThrownBy(database::connect);

			server.start();
			assertThat(server.port()).isEqualTo(port);
			try (Connection connection = database.connect();
					Statement statement = connection.createStatement();
					ResultSet kept = statement.executeQuery("select id from kept")) {
				assertThat(kept.next()).isTrue();
				assertThat(kept.getInt(1)).isEqualTo(42);
			}
		}
	}

}
