package com.virtdevice.alexa.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.virtdevice.alexa.AlexaProperties.EventGateway;
import com.virtdevice.alexa.grant.Region;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Alexa Event Gateway of each region. Calls are asynchronous: no thread waits for
 * Amazon, so a slow or throttled answer for one user holds up nobody else.
 */
final class AlexaGateway {

	private final HttpClient http;

	private final Map<Region, URI> urls;

	private final Duration timeout;

	private final JsonMapper json;

	AlexaGateway(HttpClient http, EventGateway gateways, Duration timeout, JsonMapper json) {
		this.http = http;
		this.urls = Map.of(Region.NA, gateways.na(), Region.EU, gateways.eu(), Region.FE, gateways.fe());
		this.timeout = timeout;
		this.json = json;
	}

	URI url(Region region) {
		return this.urls.get(region);
	}

	/**
	 * POSTs a message; the future always completes with an answer, never exceptionally.
	 */
	CompletableFuture<GatewayAnswer> send(Region region, String accessToken, ObjectNode message) {
		byte[] body = this.json.writeValueAsBytes(message);
		HttpRequest request = HttpRequest.newBuilder(url(region))
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + accessToken)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		try {
			return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
				.handle((response, failure) -> (failure != null) ? GatewayAnswer.networkFailure(describe(failure))
						: answer(response));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.completedFuture(GatewayAnswer.networkFailure(describe(ex)));
		}
	}

	private GatewayAnswer answer(HttpResponse<byte[]> response) {
		JsonNode payload = errorPayload(response.body());
		return new GatewayAnswer(response.statusCode(), text(payload, "code"), text(payload, "description"),
				retryAfter(response), null);
	}

	private @Nullable JsonNode errorPayload(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			JsonNode error = this.json.readTree(body);
			return (error != null) ? error.path("payload") : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String text(@Nullable JsonNode payload, String field) {
		if (payload == null || !payload.path(field).isString()) {
			return null;
		}
		String value = payload.path(field).asString();
		return (value.length() <= 500) ? value : value.substring(0, 500);
	}

	private static @Nullable Duration retryAfter(HttpResponse<byte[]> response) {
		return response.headers().firstValue("Retry-After").flatMap((value) -> {
			try {
				return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
			}
			catch (NumberFormatException ex) {
				return java.util.Optional.empty();
			}
		}).orElse(null);
	}

	private static String describe(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
