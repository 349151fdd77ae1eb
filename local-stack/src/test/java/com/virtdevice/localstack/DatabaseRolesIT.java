package com.virtdevice.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import com.virtdevice.testsupport.PostgresServer;
import com.virtdevice.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The roles {@code ./run-local} creates, on a real PostgreSQL: one per service, none a
 * superuser, each owning its schema only; a database from before them is handed over.
 */
class DatabaseRolesIT {

	private static PostgresServer server;

	@BeforeAll
	static void startPostgres() {
		server = PostgresServer.embedded();
	}

	@AfterAll
	static void stopPostgres() {
		server.close();
	}

	@Test
	void aServiceRoleCannotReadAnotherServicesSchemaAndNoRoleIsASuperuser() throws Exception {
		TestDatabase database = server.createDatabase();
		Map<String, String> passwords = DatabaseRoles.create(database,
				(role) -> "p4ssw0rd0f" + role.length() + "chars");
		assertThat(passwords).containsOnlyKeys("virtdevice_publisher", "virtdevice_activity", "virtdevice_alexa",
				"virtdevice_ifttt", DatabaseRoles.OPERATOR);
		try (Connection publisher = connect(database, "virtdevice_publisher");
				Statement sql = publisher.createStatement()) {
			sql.execute("CREATE TABLE publisher.webhooks (id int)");
		}
		try (Connection alexa = connect(database, "virtdevice_alexa"); Statement sql = alexa.createStatement()) {
			sql.execute("CREATE TABLE alexa.grants (id int)");
			assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM publisher.webhooks").close())
				.isInstanceOfSatisfying(SQLException.class, (ex) -> assertThat(ex.getSQLState()).isEqualTo("42501"));
			assertThatThrownBy(() -> sql.execute("CREATE TABLE public.anything (id int)"))
				.isInstanceOfSatisfying(SQLException.class, (ex) -> assertThat(ex.getSQLState()).isEqualTo("42501"));
		}
		try (Connection admin = connect(database, database.username());
				Statement sql = admin.createStatement();
				ResultSet privileged = sql.executeQuery("SELECT rolname FROM pg_roles WHERE rolname LIKE 'virtdevice%'"
						+ " AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls)")) {
			assertThat(privileged.next()).isFalse();
		}
	}

	@Test
	void aDatabaseFromBeforeTheRolesIsHandedToThem() throws Exception {
		TestDatabase database = server.createDatabase();
		try (Connection admin = connect(database, database.username()); Statement sql = admin.createStatement()) {
			sql.execute("CREATE SCHEMA publisher");
			sql.execute("CREATE TABLE publisher.events (id bigint GENERATED ALWAYS AS IDENTITY, value text)");
			sql.execute("CREATE FUNCTION publisher.record() RETURNS int LANGUAGE sql AS 'SELECT 1'");
		}
		DatabaseRoles.create(database, (role) -> "p4ssw0rd0f" + role.length() + "chars");
		try (Connection publisher = connect(database, "virtdevice_publisher");
				Statement sql = publisher.createStatement()) {
			sql.execute("INSERT INTO publisher.events (value) VALUES ('x')");
			sql.execute("ALTER FUNCTION publisher.record() SECURITY DEFINER");
			try (ResultSet owner = sql
				.executeQuery("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'publisher'")) {
				owner.next();
				assertThat(owner.getString(1)).isEqualTo("virtdevice_publisher");
			}
		}
	}

	private static Connection connect(TestDatabase database, String role) throws SQLException {
		// a user in the URL would override the one given here
		return DriverManager.getConnection(database.jdbcUrl().replaceFirst("\\?user=[^&]*$", ""), role,
				role.equals(database.username()) ? database.password() : "p4ssw0rd0f" + role.length() + "chars");
	}

}
