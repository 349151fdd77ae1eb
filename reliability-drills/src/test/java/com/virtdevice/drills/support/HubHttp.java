package com.virtdevice.drills.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON over HTTP to the hub's services, with bounded waits. */
public final class HubHttp {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** Sends a request; a network failure becomes an {@link IOException}. */
	public HttpResponse<String> send(String method, String url, @Nullable String token, @Nullable String body)
			throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(TIMEOUT)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	/** Sends a request that must answer one of the given statuses; the body as JSON. */
	public JsonNode expect(int status, int orStatus, String method, String url, @Nullable String token,
			@Nullable String body) {
		try {
			HttpResponse<String> response = send(method, url, token, body);
			if (!Arrays.asList(status, orStatus).contains(response.statusCode())) {
				throw new IllegalStateException(
						method + " " + url + " answered " + response.statusCode() + ": " + response.body());
			}
			return response.body().isEmpty() ? JsonMapper.shared().createObjectNode()
					: JsonMapper.shared().readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + url + " failed", ex);
		}
	}

	/** GET that must answer 200. */
	public JsonNode get(String url, @Nullable String token) {
		return expect(200, 200, "GET", url, token, null);
	}

	/**
	 * A metric's value ({@code /actuator/metrics/{name}}, which needs a token; the first
	 * measurement; tags like {@code area:heap}), or -1 when the service does not answer.
	 */
	public double metric(String baseUrl, String token, String name, String... tags) {
		StringBuilder url = new StringBuilder(baseUrl).append("/actuator/metrics/").append(name);
		for (int i = 0; i < tags.length; i++) {
			url.append((i == 0) ? '?' : '&').append("tag=").append(tags[i]);
		}
		try {
			HttpResponse<String> response = send("GET", url.toString(), token, null);
			if (response.statusCode() != 200) {
				return -1;
			}
			return JsonMapper.shared().readTree(response.body()).path("measurements").path(0).path("value").asDouble();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * The publisher's relay role from its health ({@code LEADER}, {@code STANDBY}, …).
	 */
	public String relayRole(String publisherUrl) {
		JsonNode health = health(publisherUrl);
		return (health != null) ? health.path("components").path("relay").path("details").path("role").asString("")
				: "";
	}

	/** The service's {@code /actuator/health} document, whatever its status. */
	public @Nullable JsonNode health(String baseUrl) {
		try {
			HttpResponse<String> response = send("GET", baseUrl + "/actuator/health", null, null);
			return JsonMapper.shared().readTree(response.body());
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}
