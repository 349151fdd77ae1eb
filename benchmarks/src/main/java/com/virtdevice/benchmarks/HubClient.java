package com.virtdevice.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.virtdevice.localstack.LocalStack;
import com.virtdevice.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub's REST APIs as a client uses them, with tokens signed by the stack's secret.
 */
final class HubClient {

	static final String TENANT = "bench";

	private final LocalStack stack;

	private final HttpClient http;

	HubClient(LocalStack stack) {
		this.stack = stack;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	String token(String user) {
		return TestTokens.forUser(user, TENANT)
			.scopes("devices:read", "devices:write", "events:read", "activity:read")
			.expiresAt(Instant.now().plus(Duration.ofHours(2)))
			.signedWith(this.stack.jwtSecret())
			.sign();
	}

	/** Creates a light with the given properties (a JSON object); returns its id. */
	String createDevice(String token, String name, String propertiesJson) {
		String body = "{\"name\":\"" + name + "\",\"type\":\"LIGHT\",\"properties\":" + propertiesJson + "}";
		return call("POST", this.stack.url("event-publisher") + "/api/devices", token, body).path("id").asString();
	}

	/** Links the user to Alexa through the sandbox's Login with Amazon. */
	void linkAlexa(String token) {
		call("POST", this.stack.url("alexa-subscriber") + "/api/alexa/grants", token,
				"{\"code\":\"bench-grant-code\",\"region\":\"NA\"}");
	}

	/** A connection of the load driver's own to the publisher (one per thread). */
	LeanHttp publisherConnection() {
		return new LeanHttp(this.stack.url("event-publisher"));
	}

	/** A property PUT as a client sends it, on the caller's connection. */
	LeanHttp.Answer put(LeanHttp connection, String token, String device, String property, String value) {
		return connection.send("PUT", "/api/devices/" + device + "/properties/" + property, token,
				"{\"value\":\"" + value + "\",\"source\":\"web\"}");
	}

	/** The {@code eventId} in a change's answer, found without parsing JSON. */
	static String eventId(String body) {
		int at = body.indexOf("\"eventId\":\"");
		return (at < 0) ? "" : body.substring(at + 11, at + 47);
	}

	HttpClient http() {
		return this.http;
	}

	private JsonNode call(String method, String url, String token, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException(
						method + " " + url + " answered " + response.statusCode() + ": " + response.body());
			}
			return response.body().isEmpty() ? JsonMapper.shared().createObjectNode()
					: JsonMapper.shared().readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + url + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
