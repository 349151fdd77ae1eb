package com.virtdevice.drills.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import com.virtdevice.localstack.LocalStack;
import com.virtdevice.testsupport.TestTokens;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole hub as a hostile-input suite sees it: the local stack (five service jars,
 * embedded Redis and PostgreSQL, the sandbox), tokens signed with its secret, a
 * connection to its database, everything published on its Redis since the suite began,
 * and plain HTTP calls.
 */
final class Hub implements AutoCloseable {

	static final String IFTTT_SERVICE_KEY = "local-ifttt-service-key";

	static final String[] ALL_USER_SCOPES = { "devices:read", "devices:write", "events:read", "activity:read" };

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final LocalStack stack;

	private final RedisClient redis;

	/**
	 * Connected as the event-publisher's own Redis user: the hostile publishes use it.
	 */
	private final RedisClient redisAsPublisher;

	private final StatefulRedisConnection<byte[], byte[]> publisher;

	private final StatefulRedisPubSubConnection<byte[], byte[]> subscriber;

	private final List<String> published = new CopyOnWriteArrayList<>();

	private Hub(LocalStack stack) {
		this.stack = stack;
		this.redis = RedisClient.create(stack.redisUrl());
		this.redisAsPublisher = RedisClient.create(stack.redisUrlFor("event-publisher"));
		this.publisher = this.redisAsPublisher.connect(ByteArrayCodec.INSTANCE);
		this.subscriber = this.redis.connectPubSub(ByteArrayCodec.INSTANCE);
		this.subscriber.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(byte[] pattern, byte[] channel, byte[] message) {
				Hub.this.published.add(new String(message, StandardCharsets.UTF_8));
			}
		});
		this.subscriber.sync().psubscribe("*".getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The suites' view of a running hub (the drills' shared one): it records what is
	 * published from now on; closing it leaves the hub running.
	 */
	static Hub on(LocalStack stack) {
		return new Hub(stack);
	}

	LocalStack stack() {
		return this.stack;
	}

	String url(String service) {
		return this.stack.url(service);
	}

	int port(String service) {
		return URI.create(url(service)).getPort();
	}

	/** A valid token of a user in a tenant with the given scopes. */
	String token(String user, String tenant, String... scopes) {
		return TestTokens.forUser(user, tenant).scopes(scopes).signedWith(this.stack.jwtSecret()).sign();
	}

	TestTokens.Builder tokenBuilder(String user, String tenant, String... scopes) {
		return TestTokens.forUser(user, tenant).scopes(scopes).signedWith(this.stack.jwtSecret());
	}

	/** Everything published on Redis since this view was created (also by the tests). */
	List<String> published() {
		return List.copyOf(this.published);
	}

	/** Publishes with the event-publisher's own Redis credentials. */
	void publish(String channel, byte[] message) {
		this.publisher.sync().publish(channel.getBytes(StandardCharsets.UTF_8), message);
	}

	/** A call that must succeed; its JSON answer. */
	JsonNode call(String method, String url, String token, String body) {
		HttpResponse<String> response = send(method, url, token, body);
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(method + " " + url + " → " + response.statusCode() + " " + response.body());
		}
		return response.body().isEmpty() ? JsonMapper.shared().createObjectNode()
				: JsonMapper.shared().readTree(response.body());
	}

	HttpResponse<String> send(String method, String url, String token, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + url, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A device of the token's user with the given properties; its id. */
	String createDevice(String token, String name, String propertiesJson) {
		return call("POST", url("event-publisher") + "/api/devices", token,
				"{\"name\":\"" + name + "\",\"type\":\"LIGHT\",\"properties\":" + propertiesJson + "}")
			.path("id")
			.asString();
	}

	/** The {@code eventStream} health component of a service. */
	JsonNode eventStream(String service) {
		return JsonMapper.shared()
			.readTree(send("GET", url(service) + "/actuator/health", null, null).body())
			.path("components")
			.path("eventStream")
			.path("details");
	}

	long rejected(String service) {
		return eventStream(service).path("rejected").asLong();
	}

	/** The rows of a query, each as its columns' text. */
	List<List<String>> query(String sql, Object... parameters) {
		try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			List<List<String>> rows = new ArrayList<>();
			try (ResultSet result = statement.executeQuery()) {
				int columns = result.getMetaData().getColumnCount();
				while (result.next()) {
					List<String> row = new ArrayList<>();
					for (int c = 1; c <= columns; c++) {
						row.add(result.getString(c));
					}
					rows.add(row);
				}
			}
			return rows;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	long count(String sql, Object... parameters) {
		return Long.parseLong(query(sql, parameters).get(0).get(0));
	}

	private Connection connection() throws SQLException {
		Properties credentials = new Properties();
		if (!this.stack.datasourceUsername().isEmpty()) {
			credentials.setProperty("user", this.stack.datasourceUsername());
			credentials.setProperty("password", this.stack.datasourcePassword());
		}
		return DriverManager.getConnection(this.stack.datasourceUrl(), credentials);
	}

	@Override
	public void close() {
		this.subscriber.close();
		this.publisher.close();
		this.redisAsPublisher.shutdown();
		this.redis.shutdown();
	}

}
