package com.virtdevice.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.testsupport.FakePublisher;
import com.virtdevice.testsupport.RecordedRequest;
import com.virtdevice.testsupport.RecordingHttpServer;
import com.virtdevice.testsupport.RecordingHttpServer.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for the publisher's device API as the browser calls it (docs/contract.md
 * §4.1-4.2), with CORS: {@code GET /api/devices} (the caller's devices), {@code PUT
 * /api/devices/{id}/properties/{p}} (which publishes the change through the
 * {@link FakePublisher}, as the real publisher would) and {@code GET /api/events} (the
 * {@link FakePublisher}'s replay API, which reads a user token's own events only). Until
 * the real publisher runs in these tests, this is what the dashboard page talks to.
 */
public final class DevicesApiFake implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.shared();

	private static final HttpClient replayClient = HttpClient.newHttpClient();

	private final FakePublisher publisher;

	private final RecordingHttpServer http = RecordingHttpServer.start();

	private final Map<String, Device> devices = new ConcurrentHashMap<>();

	public DevicesApiFake(FakePublisher publisher) {
		this.publisher = publisher;
		this.http.respond("/api/devices", this::list);
		this.http.respond("/api/devices/*", this::changeProperty);
		this.http.respond("/api/events", this::replay);
	}

	public String baseUrl() {
		return this.http.baseUrl();
	}

	public RecordingHttpServer http() {
		return this.http;
	}

	public void device(String id, String userId, String tenantId, String name, String type,
			Map<String, String> properties) {
		this.devices.put(id, new Device(id, userId, tenantId, name, type, new ConcurrentHashMap<>(properties)));
		this.publisher.device(id, userId, tenantId, name, type, properties);
	}

	/** A change made through the publisher by another client (Alexa, the API…). */
	public DeviceStateEvent change(String deviceId, String property, String value, ChangeSource source) {
		this.devices.get(deviceId).properties().put(property, value);
		return this.publisher.change(deviceId, property, value, source);
	}

	@Override
	public void close() {
		this.http.close();
	}

	private Response list(RecordedRequest request) {
		if (request.method().equals("OPTIONS")) {
			return preflight(request);
		}
		String user = userOf(request);
		if (user == null) {
			return cors(request, Response.json(401, "{\"status\":401,\"title\":\"Unauthorized\"}"));
		}
		List<Map<String, Object>> items = new ArrayList<>();
		this.devices.values().stream().filter((device) -> device.userId().equals(user)).forEach((device) -> {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", device.id());
			item.put("name", device.name());
			item.put("type", device.type());
			item.put("userId", device.userId());
			item.put("tenantId", device.tenantId());
			item.put("properties", new LinkedHashMap<>(device.properties()));
			item.put("createdAt", "2026-11-27T12:00:00.000Z");
			items.add(item);
		});
		return cors(request, Response.json(200, json.writeValueAsString(Map.of("items", items))));
	}

	private Response replay(RecordedRequest request) {
		if (request.method().equals("OPTIONS")) {
			return preflight(request);
		}
		HttpRequest.Builder forward = HttpRequest
			.newBuilder(URI.create(this.publisher.baseUrl() + "/api/events?" + request.query()));
		String authorization = request.header("Authorization");
		if (authorization != null) {
			forward.header("Authorization", authorization);
		}
		try {
			HttpResponse<String> answer = replayClient.send(forward.build(), HttpResponse.BodyHandlers.ofString());
			return cors(request, Response.json(answer.statusCode(), answer.body()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Response changeProperty(RecordedRequest request) {
		if (request.method().equals("OPTIONS")) {
			return preflight(request);
		}
		String[] path = request.path().split("/");
		Device device = (path.length == 6 && path[4].equals("properties")) ? this.devices.get(path[3]) : null;
		String user = userOf(request);
		if (!request.method().equals("PUT") || device == null || user == null || !device.userId().equals(user)) {
			return cors(request, Response.json(404, "{\"status\":404,\"title\":\"Not Found\"}"));
		}
		JsonNode body = json.readTree(request.bodyAsString());
		String value = body.path("value").asString();
		ChangeSource source = ChangeSource.fromWireName(body.path("source").asString("api")).orElseThrow();
		String old = device.properties().get(path[5]);
		if (value.equals(old)) {
			return cors(request, Response.json(200, json.writeValueAsString(Map.of("deviceId", device.id(), "property",
					path[5], "oldValue", old, "newValue", value, "changed", false))));
		}
		DeviceStateEvent event = change(device.id(), path[5], value, source);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("deviceId", device.id());
		answer.put("property", path[5]);
		answer.put("oldValue", old);
		answer.put("newValue", value);
		answer.put("changed", true);
		answer.put("eventId", event.eventId().toString());
		answer.put("sequence", event.sequence());
		return cors(request, Response.json(200, json.writeValueAsString(answer)));
	}

	private static Response preflight(RecordedRequest request) {
		return cors(request,
				new Response(204, "", Map.of("Access-Control-Allow-Methods", "GET, PUT, PATCH",
						"Access-Control-Allow-Headers", "Authorization, Content-Type", "Access-Control-Max-Age", "60"),
						Duration.ZERO));
	}

	private static Response cors(RecordedRequest request, Response response) {
		String origin = request.header("Origin");
		if (origin == null) {
			return response;
		}
		Map<String, String> headers = new LinkedHashMap<>(response.headers());
		headers.put("Access-Control-Allow-Origin", origin);
		headers.put("Vary", "Origin");
		return new Response(response.status(), response.body(), headers, response.delay());
	}

	private static @Nullable String userOf(RecordedRequest request) {
		String authorization = request.header("Authorization");
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return null;
		}
		String[] parts = authorization.substring(7).split("\\.");
		if (parts.length < 2) {
			return null;
		}
		JsonNode claims = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
		return claims.path("sub").asString(null);
	}

	private record Device(String id, String userId, String tenantId, String name, String type,
			Map<String, String> properties) {
	}

}
