package com.virtdevice.publisher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.virtdevice.testsupport.TestTokens;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the publisher's HTTP API in tests, as a given caller. */
public final class ApiClient {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final String baseUrl;

	private final @Nullable String token;

	private ApiClient(String baseUrl, @Nullable String token) {
		this.baseUrl = baseUrl;
		this.token = token;
	}

	/** A user with the scopes a dashboard user has. */
	public static ApiClient user(int port, String userId, String tenantId) {
		return withToken(port,
				TestTokens.forUser(userId, tenantId).scopes("devices:read", "devices:write", "events:read").sign());
	}

	public static ApiClient withToken(int port, @Nullable String token) {
		return new ApiClient("http://localhost:" + port, token);
	}

	public Reply get(String path) {
		return send("GET", path, null, Map.of());
	}

	public Reply post(String path, @Nullable String json) {
		return send("POST", path, json, Map.of());
	}

	public Reply put(String path, String json) {
		return send("PUT", path, json, Map.of());
	}

	public Reply patch(String path, String json, Map<String, String> headers) {
		return send("PATCH", path, json, headers);
	}

	public Reply delete(String path) {
		return send("DELETE", path, null, Map.of());
	}

	/** Creates a device and returns its id. */
	public String createDevice(String name, String type, String propertiesJson) {
		Reply reply = post("/api/devices",
				"{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"properties\":" + propertiesJson + "}");
		if (reply.status() != 201) {
			throw new IllegalStateException("Could not create a device: " + reply);
		}
		return reply.json().path("id").asString();
	}

	public Reply send(String method, String path, @Nullable String json, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.headers().map(), response.body());
		}
		catch (Exception ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
	}

	/**
	 * A response.
	 *
	 * @param status the HTTP status
	 * @param headers the headers
	 * @param body the body
	 */
	public record Reply(int status, Map<String, java.util.List<String>> headers, String body) {

		public JsonNode json() {
			return JsonMapper.shared().readTree(this.body);
		}

		public @Nullable String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		public boolean isProblem() {
			String type = header("Content-Type");
			return type != null && type.startsWith("application/problem+json");
		}

	}

}
