package com.virtdevice.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.virtdevice.testsupport.TestDatabase;

/**
 * One PostgreSQL login role per service, each owning only its own schema, and the
 * operator role for changing devices by hand: the same roles as
 * {@code docker/postgres/create-roles.sh} (docs/operations.md, "Securing PostgreSQL").
 * Run once as the bootstrap superuser; no service connects as it.
 */
final class DatabaseRoles {

	/** Each service that uses the database, and the schema it owns. */
	static final Map<String, String> SCHEMAS = Map.of("event-publisher", "publisher", "activity-log", "activity",
			"alexa-subscriber", "alexa", "ifttt-subscriber", "ifttt");

	/** The role people change publisher devices with by hand (SQL). */
	static final String OPERATOR = "virtdevice_operator";

	/**
	 * Gives a schema and everything in it to its service's role: a no-op for a schema
	 * created by {@link #create}, and how a database from before per-service roles (every
	 * object the superuser's) is brought over. Sequences of identity columns follow their
	 * table.
	 */
	private static final String HAND_OVER = """
			DO $$
			DECLARE o record;
			BEGIN
			    ALTER SCHEMA %1$s OWNER TO %2$s;
			    FOR o IN SELECT c.oid::regclass AS name FROM pg_class c
			            WHERE c.relnamespace = '%1$s'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
			            AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
			                AND d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
			        EXECUTE format('ALTER TABLE %%s OWNER TO %2$s', o.name);
			    END LOOP;
			    FOR o IN SELECT p.oid::regprocedure AS name FROM pg_proc p
			            WHERE p.pronamespace = '%1$s'::regnamespace LOOP
			        EXECUTE format('ALTER ROUTINE %%s OWNER TO %2$s', o.name);
			    END LOOP;
			END;
			$$""";

	private DatabaseRoles() {
	}

	/** The role a service connects as, e.g. {@code virtdevice_publisher}. */
	static String roleOf(String service) {
		return "virtdevice_" + SCHEMAS.get(service);
	}

	/**
	 * Creates (or updates) the roles with the passwords {@code passwordOf} gives per role
	 * name, and returns them by role name.
	 */
	static Map<String, String> create(TestDatabase database, Function<String, String> passwordOf) {
		Map<String, String> passwords = new LinkedHashMap<>();
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
				database.password()); Statement sql = connection.createStatement()) {
			sql.execute("REVOKE ALL ON DATABASE " + database.name() + " FROM PUBLIC");
			sql.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
			for (var service : SCHEMAS.entrySet()) {
				String role = roleOf(service.getKey());
				passwords.put(role, login(sql, database, role, passwordOf.apply(role)));
				sql.execute("CREATE SCHEMA IF NOT EXISTS " + service.getValue() + " AUTHORIZATION " + role);
				sql.execute(String.format(HAND_OVER, service.getValue(), role));
			}
			// the publisher's migration V5 grants it its devices
			passwords.put(OPERATOR, login(sql, database, OPERATOR, passwordOf.apply(OPERATOR)));
			return passwords;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the services' database roles", ex);
		}
	}

	private static String login(Statement sql, TestDatabase database, String role, String password)
			throws SQLException {
		if (!password.matches("[A-Za-z0-9]{16,128}")) {
			throw new IllegalArgumentException("a database password is 16-128 letters and digits");
		}
		try (var exists = sql.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
			sql.execute((exists.next() ? "ALTER" : "CREATE") + " ROLE " + role
					+ " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '" + password
					+ "'");
		}
		sql.execute("GRANT CONNECT ON DATABASE " + database.name() + " TO " + role);
		return password;
	}

}
