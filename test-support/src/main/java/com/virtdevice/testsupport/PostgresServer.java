package com.virtdevice.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server that hands out fresh databases: either one given by a JDBC URL
 * (an existing server) or an embedded one started from the zonky PostgreSQL 17 binaries.
 * Databases created on an existing server are dropped when the JVM exits. An embedded
 * server that keeps its data in a directory can be stopped and started again on the same
 * port with the same data ({@link #stop()}, {@link #start()}), for outage drills.
 */
public final class PostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

	private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?");

	private final String adminUrl;

	private final String username;

	private final String password;

	private @Nullable EmbeddedPostgres embedded;

	private final @Nullable Path dataDirectory;

	private final List<String> created = new CopyOnWriteArrayList<>();

	private PostgresServer(String adminUrl, String username, String password, @Nullable EmbeddedPostgres embedded,
			@Nullable Path dataDirectory) {
		this.adminUrl = adminUrl;
		this.username = username;
		this.password = password;
		this.embedded = embedded;
		this.dataDirectory = dataDirectory;
		if (embedded == null) {
			Runtime.getRuntime().addShutdownHook(new Thread(this::dropCreatedDatabases, "postgres-test-db-cleanup"));
		}
	}

	/**
	 * An existing server. The URL names a database the user may connect to and create
	 * databases from, e.g.
	 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}.
	 */
	public static PostgresServer existing(String jdbcUrl, String username, String password) {
		if (!JDBC_URL.matcher(jdbcUrl).matches()) {
			throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
		}
		return new PostgresServer(jdbcUrl, username, password, null, null);
	}

	/** Starts an embedded server on a free port, tuned for tests (no fsync). */
	public static PostgresServer embedded() {
		EmbeddedPostgres postgres = start(EmbeddedPostgres.builder());
		return new PostgresServer(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", postgres, null);
	}

	/**
	 * Starts an embedded server on a free port that keeps its data in
	 * {@code dataDirectory} across runs (the local stack).
	 */
	public static PostgresServer embedded(Path dataDirectory) {
		try {
			Files.createDirectories(dataDirectory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		EmbeddedPostgres postgres = start(persistent(dataDirectory));
		return new PostgresServer(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", postgres, dataDirectory);
	}

	private static EmbeddedPostgres.Builder persistent(Path dataDirectory) {
		return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false);
	}

	private static EmbeddedPostgres start(EmbeddedPostgres.Builder builder) {
		long started = System.nanoTime();
		try {
			EmbeddedPostgres postgres = builder.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("fsync", "off")
				.setServerConfig("synchronous_commit", "off")
				.setServerConfig("full_page_writes", "off")
				.setServerConfig("max_connections", "300")
				.start();
			log.info("Started embedded PostgreSQL on port {} in {} ms", postgres.getPort(),
					(System.nanoTime() - started) / 1_000_000);
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start embedded PostgreSQL", ex);
		}
	}

	/** Creates an empty database with a unique name. */
	public TestDatabase createDatabase() {
		String name = "vd_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
		execute("CREATE DATABASE " + name);
		this.created.add(name);
		return describe(name);
	}

	/** A database with this name, created if it does not exist yet (and kept). */
	public TestDatabase database(String name) {
		if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
			throw new IllegalArgumentException("Not a plain database name: " + name);
		}
		try (Connection connection = connect(this.adminUrl, this.username, this.password);
				Statement statement = connection.createStatement();
				var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
			if (!exists.next()) {
				statement.execute("CREATE DATABASE " + name);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + name, ex);
		}
		return describe(name);
	}

	private TestDatabase describe(String name) {
		Matcher url = JDBC_URL.matcher(this.adminUrl);
		url.matches();
		String query = (url.group(3) != null) ? url.group(3) : "";
		return new TestDatabase(name, url.group(1) + name + query, this.username, this.password);
	}

	/**
	 * Stops an embedded server that keeps its data in a directory (a fast shutdown: open
	 * connections are cut); {@link #start()} brings it back on the same port with the
	 * same data.
	 */
	public synchronized void stop() {
		EmbeddedPostgres running = this.embedded;
		if (this.dataDirectory == null) {
			throw new IllegalStateException("Only an embedded server with a data directory can be stopped and started");
		}
		if (running != null) {
			this.embedded = null;
			closeQuietly(running);
		}
	}

	/** Starts a server stopped with {@link #stop()} again, on the same port. */
	public synchronized void start() {
		if (this.dataDirectory == null) {
			throw new IllegalStateException("Only an embedded server with a data directory can be stopped and started");
		}
		if (this.embedded == null) {
			this.embedded = start(persistent(this.dataDirectory).setPort(port()));
		}
	}

	public synchronized boolean isRunning() {
		return this.dataDirectory == null || this.embedded != null;
	}

	/** The port the server listens on. */
	public int port() {
		Matcher url = Pattern.compile("jdbc:postgresql://[^:/]+:(\\d+)/.*").matcher(this.adminUrl);
		return url.matches() ? Integer.parseInt(url.group(1)) : 5432;
	}

	/** The URL of the server's administrative database. */
	public String adminUrl() {
		return this.adminUrl;
	}

	@Override
	public synchronized void close() {
		EmbeddedPostgres running = this.embedded;
		if (running != null) {
			this.embedded = null;
			closeQuietly(running);
		}
		else if (this.dataDirectory == null) {
			dropCreatedDatabases();
		}
	}

	private static void closeQuietly(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			log.warn("Embedded PostgreSQL did not stop cleanly", ex);
		}
	}

	private void dropCreatedDatabases() {
		for (String name : this.created) {
			try {
				execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
				this.created.remove(name);
			}
			catch (RuntimeException ex) {
				log.warn("Could not drop test database {}: {}", name, ex.getMessage());
			}
		}
	}

	static Connection connect(String url, String username, String password) throws SQLException {
		return username.isEmpty() ? DriverManager.getConnection(url)
				: DriverManager.getConnection(url, username, password);
	}

	private void execute(String sql) {
		try (Connection connection = connect(this.adminUrl, this.username, this.password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + this.adminUrl + " refused: " + sql, ex);
		}
	}

}
