package com.virtdevice.activity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the running service over HTTP, as a client would. */
public final class ApiClient {

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	public ApiClient(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	/** GET with a bearer token ({@code null} for none). */
	public Answer get(String pathAndQuery, @Nullable String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + pathAndQuery)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			String body = response.body();
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			JsonNode json = contentType.contains("json") ? JsonMapper.shared().readTree(body)
					: JsonMapper.shared().missingNode();
			return new Answer(response.statusCode(), contentType, json, body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A response.
	 *
	 * @param status the HTTP status
	 * @param contentType the Content-Type header
	 * @param json the body as JSON (a missing node unless the body is JSON)
	 * @param body the body as sent
	 */
	public record Answer(int status, String contentType, JsonNode json, String body) {

	}

}
