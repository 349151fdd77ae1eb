package com.virtdevice.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.virtdevice.localstack.LocalStack;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How far the four consumers are behind the publisher. A consumer has reached a sequence
 * when its {@code eventStream} health ({@code /actuator/health/eventStream}) shows that
 * position, with nothing left in its queue: its listener was handed every event up to it
 * (activity-log and ifttt-subscriber write them on that thread; alexa-subscriber and
 * dashboard-ws hand them to their own delivery). For activity-log the audit rows in
 * PostgreSQL must show that sequence too.
 */
final class ConsumerProgress implements AutoCloseable {

	static final List<String> CONSUMERS = LocalStack.SERVICES.subList(1, LocalStack.SERVICES.size());

	private static final long NOT_REACHED = -1;

	private final LocalStack stack;

	private final HttpClient http;

	private final Connection connection;

	ConsumerProgress(LocalStack stack, HttpClient http, Database database) throws SQLException {
		this.stack = stack;
		this.http = http;
		this.connection = database.connect();
	}

	/**
	 * Waits (at most 30 s) until the relay published every change recorded so far;
	 * returns the sequence of the last one.
	 */
	long lastChange() throws SQLException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (query("SELECT count(*) FROM publisher.events WHERE sequence IS NULL") > 0
				&& System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		return query("SELECT published_sequence FROM publisher.relay_state");
	}

	/**
	 * Polls every consumer (every 50 ms, at most {@code atMost}) until each has reached
	 * {@code sequence}; returns, per consumer, the seconds from {@code since}
	 * ({@link System#nanoTime()}) to the first poll that saw it there, or -1 if it did
	 * not get there.
	 */
	Map<String, Double> secondsToReach(long sequence, long since, Duration atMost) throws Exception {
		Map<String, Long> reached = new LinkedHashMap<>();
		CONSUMERS.forEach((consumer) -> reached.put(consumer, NOT_REACHED));
		long deadline = System.nanoTime() + atMost.toNanos();
		while (reached.containsValue(NOT_REACHED) && System.nanoTime() < deadline) {
			for (String consumer : CONSUMERS) {
				if (reached.get(consumer) == NOT_REACHED && hasReached(consumer, sequence)) {
					reached.put(consumer, System.nanoTime());
				}
			}
			Thread.sleep(50);
		}
		Map<String, Double> seconds = new LinkedHashMap<>();
		reached.forEach((consumer, at) -> seconds.put(consumer, (at == NOT_REACHED) ? -1 : (at - since) / 1e9));
		return seconds;
	}

	/** Each consumer's {@code eventStream} position now (-1 if it does not answer). */
	Map<String, Long> positions() {
		Map<String, Long> positions = new LinkedHashMap<>();
		for (String consumer : CONSUMERS) {
			JsonNode details = eventStream(consumer);
			positions.put(consumer, (details != null) ? details.path("position").asLong(-1) : -1);
		}
		return positions;
	}

	private boolean hasReached(String consumer, long sequence) throws SQLException {
		JsonNode details = eventStream(consumer);
		if (details == null || details.path("position").asLong(-1) < sequence || details.path("queued").asInt(1) > 0) {
			return false;
		}
		return !consumer.equals("activity-log")
				|| query("SELECT coalesce(max(sequence), 0) FROM activity.activity_log") >= sequence;
	}

	private @Nullable JsonNode eventStream(String consumer) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.stack.url(consumer) + "/actuator/health/eventStream"))
			.timeout(Duration.ofSeconds(5))
			.GET()
			.build();
		try {
			// Not UP (e.g. OUT_OF_SERVICE) answers 503 with the same details.
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode details = JsonMapper.shared().readTree(response.body()).path("details");
			return details.isMissingNode() ? null : details;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return null;
		}
	}

	private long query(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
			row.next();
			return row.getLong(1);
		}
	}

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

}
