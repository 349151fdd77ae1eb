package com.virtdevice.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The hub's pattern subscribers as Redis sees them ({@code CLIENT LIST}): a subscriber
 * Redis dropped for output-buffer overrun comes back (if at all) with a new client id.
 */
final class RedisSubscribers implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final Map<String, Long> peakOutputBytes = new LinkedHashMap<>();

	RedisSubscribers(String url) {
		this.client = RedisClient.create(url);
		this.connection = this.client.connect();
	}

	/**
	 * Client id → output memory ({@code omem}) of every client with pattern
	 * subscriptions.
	 */
	Map<String, Long> subscribers() {
		Map<String, Long> subscribers = new LinkedHashMap<>();
		for (String line : this.connection.sync().clientList().split("\n")) {
			Map<String, String> fields = new LinkedHashMap<>();
			for (String field : line.trim().split(" ")) {
				int eq = field.indexOf('=');
				if (eq > 0) {
					fields.put(field.substring(0, eq), field.substring(eq + 1));
				}
			}
			if (Integer.parseInt(fields.getOrDefault("psub", "0")) > 0) {
				subscribers.put(fields.get("id"), Long.parseLong(fields.getOrDefault("omem", "0")));
			}
		}
		return subscribers;
	}

	/** Samples output memory; keeps the highest per client. */
	synchronized void sample() {
		subscribers().forEach((id, omem) -> this.peakOutputBytes.merge(id, omem, Math::max));
	}

	synchronized long peakOutputBytes() {
		return this.peakOutputBytes.values().stream().mapToLong(Long::longValue).max().orElse(0);
	}

	String info(String section, String key) {
		for (String line : this.connection.sync().info(section).split("\r?\n")) {
			if (line.startsWith(key + ":")) {
				return line.substring(key.length() + 1).trim();
			}
		}
		return "";
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
