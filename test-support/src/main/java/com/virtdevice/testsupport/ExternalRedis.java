package com.virtdevice.testsupport;

import java.net.URI;

import io.lettuce.core.api.StatefulRedisConnection;

/**
 * A Redis server named by {@code VIRTDEVICE_TEST_REDIS_URL}, e.g. a developer's own. Its
 * URL must have the right to create ACL users; the users this harness creates are deleted
 * when the JVM exits.
 */
final class ExternalRedis extends TestRedis {

	private final String url;

	private final URI uri;

	ExternalRedis(String url) {
		this.url = url;
		this.uri = URI.create(url);
		Runtime.getRuntime().addShutdownHook(new Thread(this::deleteCreatedUsers, "test-redis-users-cleanup"));
	}

	@Override
	public String host() {
		return this.uri.getHost();
	}

	@Override
	public int port() {
		return (this.uri.getPort() > 0) ? this.uri.getPort() : 6379;
	}

	@Override
	public String adminUrl() {
		return this.url;
	}

	@Override
	protected void persistUsers(StatefulRedisConnection<String, String> admin) {
		// Not our server: its users live in memory until the JVM exits and deletes them.
	}

}
