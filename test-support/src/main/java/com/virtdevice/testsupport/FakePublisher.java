package com.virtdevice.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.events.EventType;
import com.virtdevice.testsupport.RecordingHttpServer.Response;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for event-publisher in a consumer's tests: gives events consecutive sequences
 * as its relay does, publishes them on their Redis channels, and serves what it published
 * from a local replay API ({@code GET /api/events}, docs/contract.md §4.4) and device API
 * ({@code GET /api/devices/{id}}). {@link #recordOnly} keeps an event out of Redis, as if
 * a subscriber had missed it.
 * <p>
 * The replay API follows the publisher's rules: a token with scope {@code events:replay}
 * reads every event, any other token only its own user's.
 */
public final class FakePublisher implements AutoCloseable {

	private final EventCodec codec = new EventCodec();

	private final Channels channels;

	private final RedisClient redis;

	private final StatefulRedisConnection<byte[], byte[]> connection;

	private final RecordingHttpServer http = RecordingHttpServer.start();

	private final List<DeviceStateEvent> events = new ArrayList<>();

	private final Map<String, Device> devices = new ConcurrentHashMap<>();

	private volatile Predicate<String> acceptedTokens = (token) -> true;

	private FakePublisher(String redisUrl, Channels channels) {
		this.channels = channels;
		this.redis = RedisClient.create(redisUrl);
		this.connection = this.redis.connect(ByteArrayCodec.INSTANCE);
		this.http.respond("/api/events", this::replay);
		this.http.respond("/api/devices/*", this::device);
	}

	/** Publishes to the given Redis under the given channel namespace (may be empty). */
	public static FakePublisher start(String redisUrl, String channelNamespace) {
		return new FakePublisher(redisUrl, Channels.namespaced(channelNamespace));
	}

	/** The base URL of its HTTP API, for {@code virtdevice.publisher.url}. */
	public String baseUrl() {
		return this.http.baseUrl();
	}

	/** Its HTTP server, to inspect requests or program failures. */
	public RecordingHttpServer http() {
		return this.http;
	}

	/**
	 * Answers 401 to replay calls whose bearer token fails this check, as the publisher
	 * does for a token it cannot verify (e.g. {@link FakeIdentityProvider#isValid}). By
	 * default the claims are read without verification.
	 */
	public FakePublisher acceptTokens(Predicate<String> check) {
		this.acceptedTokens = check;
		return this;
	}

	/** Registers a device for {@code GET /api/devices/{id}}. */
	public FakePublisher device(String id, String userId, String tenantId, String name, String type,
			Map<String, String> properties) {
		this.devices.put(id, new Device(id, userId, tenantId, name, type, new LinkedHashMap<>(properties)));
		return this;
	}

	/**
	 * Records and publishes a property change of a registered device; returns the event.
	 */
	public synchronized DeviceStateEvent change(String deviceId, String property, String newValue,
			ChangeSource source) {
		DeviceStateEvent event = recordOnly(deviceId, property, newValue, source);
		publish(event);
		return event;
	}

	/**
	 * Records a property change without publishing it (a message a subscriber missed).
	 */
	public synchronized DeviceStateEvent recordOnly(String deviceId, String property, String newValue,
			ChangeSource source) {
		Device device = requireDevice(deviceId);
		String old = device.properties().put(property, newValue);
		return record(DeviceStateEvent.propertyChanged(UUID.randomUUID(), nextSequence(), deviceId, device.userId(),
				device.tenantId(), property, old, newValue, source, Instant.now()));
	}

	/** Records and publishes a lifecycle event of a registered device. */
	public synchronized DeviceStateEvent lifecycle(String deviceId, EventType type) {
		Device device = requireDevice(deviceId);
		DeviceStateEvent event = record(DeviceStateEvent.lifecycle(type, UUID.randomUUID(), nextSequence(), deviceId,
				device.userId(), device.tenantId(), ChangeSource.API, Instant.now()));
		publish(event);
		return event;
	}

	/** Publishes an event on each of its channels, as the relay does. */
	public void publish(DeviceStateEvent event) {
		byte[] json = this.codec.encode(event);
		for (String channel : this.channels.channelsFor(event)) {
			publishRaw(channel, json);
		}
	}

	/** Publishes any bytes on any channel (for malformed or foreign messages). */
	public long publishRaw(String channel, byte[] message) {
		return this.connection.sync().publish(channel.getBytes(StandardCharsets.UTF_8), message);
	}

	/** Everything recorded, in sequence order. */
	public synchronized List<DeviceStateEvent> events() {
		return List.copyOf(this.events);
	}

	public synchronized long latestSequence() {
		return this.events.size();
	}

	@Override
	public void close() {
		this.http.close();
		this.connection.close();
		this.redis.shutdown();
	}

	private DeviceStateEvent record(DeviceStateEvent event) {
		this.events.add(event);
		return event;
	}

	private long nextSequence() {
		return this.events.size() + 1L;
	}

	private Device requireDevice(String deviceId) {
		Device device = this.devices.get(deviceId);
		if (device == null) {
			throw new IllegalArgumentException("Register device " + deviceId + " with device(...) first");
		}
		return device;
	}

	private Response replay(RecordedRequest request) {
		Map<String, String> query = query(request.query());
		long after = Long.parseLong(query.getOrDefault("afterSequence", "0"));
		int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
		JsonNode claims = claims(request.header("Authorization"));
		if (claims == null || !this.acceptedTokens.test(request.header("Authorization").substring(7))) {
			return Response.json(401, "{\"status\":401,\"title\":\"Unauthorized\"}");
		}
		boolean everyone = claims.path("scope").asString("").contains("events:replay");
		String user = claims.path("sub").asString("");
		// Sequence n is at index n - 1: a page starts at index afterSequence, like the
		// real
		// publisher's index scan, and the lock is held only to copy it (not to encode
		// it), so
		// that replay answers do not slow down with the history or hold up publishing.
		List<DeviceStateEvent> items = new ArrayList<>();
		long latest;
		synchronized (this) {
			latest = this.events.size();
			for (int i = (int) Math.min(Math.max(after, 0), latest); i < latest && items.size() < limit; i++) {
				DeviceStateEvent event = this.events.get(i);
				if (everyone || event.userId().equals(user)) {
					items.add(event);
				}
			}
		}
		long next = (items.size() == limit) ? items.get(items.size() - 1).sequence() : latest;
		String json = items.stream().map(this.codec::encodeToString).collect(Collectors.joining(",", "[", "]"));
		return Response.json(200,
				"{\"items\":" + json + ",\"nextSequence\":" + next + ",\"latestSequence\":" + latest + "}");
	}

	private Response device(RecordedRequest request) {
		Device device = this.devices.get(request.path().substring("/api/devices/".length()));
		if (device == null || claims(request.header("Authorization")) == null) {
			return Response.json(404, "{\"status\":404,\"title\":\"Not Found\"}");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", device.id());
		body.put("name", device.name());
		body.put("type", device.type());
		body.put("userId", device.userId());
		body.put("tenantId", device.tenantId());
		body.put("properties", device.properties());
		body.put("createdAt", "2026-11-27T12:00:00.000Z");
		return Response.json(200, JsonMapper.shared().writeValueAsString(body));
	}

	private static @Nullable JsonNode claims(@Nullable String authorization) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return null;
		}
		String[] parts = authorization.substring(7).split("\\.");
		if (parts.length < 2) {
			return null;
		}
		return JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(parts[1]));
	}

	private static Map<String, String> query(String query) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				values.put(pair.substring(0, eq), pair.substring(eq + 1));
			}
		}
		return values;
	}

	private record Device(String id, String userId, String tenantId, String name, String type,
			Map<String, String> properties) {
	}

}
