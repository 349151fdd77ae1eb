package com.virtdevice.testsupport;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * The Redis and PostgreSQL every test in a JVM shares, started at first use.
 * <ul>
 * <li>{@value #REDIS_URL_ENV} (e.g. {@code redis://127.0.0.1:6379}) names an existing
 * Redis whose user may create ACL users; without it a real {@code redis-server} is
 * started on a free port, its default user off.</li>
 * <li>{@value #DATABASE_URL_ENV} (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}) names an existing
 * PostgreSQL; without it an embedded PostgreSQL 17 is started.</li>
 * </ul>
 * Tests isolate themselves with {@link #newDatabase()} and
 * {@link #newChannelNamespace()}, so they can share a server with other tests and with
 * anything else running on it.
 */
public final class TestInfrastructure {

	/** Names an existing Redis server for tests. */
	public static final String REDIS_URL_ENV = "VIRTDEVICE_TEST_REDIS_URL";

	/** Names an existing PostgreSQL server for tests, as a JDBC URL. */
	public static final String DATABASE_URL_ENV = "VIRTDEVICE_TEST_DATABASE_URL";

	/** User for {@value #DATABASE_URL_ENV}, unless the URL carries it. */
	public static final String DATABASE_USER_ENV = "VIRTDEVICE_TEST_DATABASE_USER";

	/** Password for {@value #DATABASE_URL_ENV}, unless the URL carries it. */
	public static final String DATABASE_PASSWORD_ENV = "VIRTDEVICE_TEST_DATABASE_PASSWORD";

	private static @Nullable TestRedis redis;

	private static @Nullable PostgresServer postgres;

	private TestInfrastructure() {
	}

	/** The Redis server tests share (ACLs on: services get users of their role). */
	public static synchronized TestRedis redis() {
		if (redis == null) {
			String given = System.getenv(REDIS_URL_ENV);
			redis = (given != null && !given.isBlank()) ? new ExternalRedis(given)
					: RedisServerProcess.startOnFreePort();
		}
		return redis;
	}

	/**
	 * The shared Redis with every right, for the tests' own clients; a service under test
	 * connects with {@code redis().urlFor(role, channels)} instead.
	 */
	public static String redisUrl() {
		return redis().adminUrl();
	}

	/** The PostgreSQL server tests use. */
	public static synchronized PostgresServer postgres() {
		if (postgres == null) {
			String given = System.getenv(DATABASE_URL_ENV);
			postgres = (given != null && !given.isBlank())
					? PostgresServer.existing(given, env(DATABASE_USER_ENV), env(DATABASE_PASSWORD_ENV))
					: PostgresServer.embedded();
		}
		return postgres;
	}

	/** A fresh, empty database on {@link #postgres()}. */
	public static TestDatabase newDatabase() {
		return postgres().createDatabase();
	}

	/**
	 * A channel namespace no other test uses, for
	 * {@code virtdevice.redis.channel-namespace}.
	 */
	public static String newChannelNamespace() {
		return "test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
	}

	private static String env(String name) {
		String value = System.getenv(name);
		return (value != null) ? value : "";
	}

}
