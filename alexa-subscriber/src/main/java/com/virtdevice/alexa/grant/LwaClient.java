package com.virtdevice.alexa.grant;

import java.time.Clock;
import java.time.Instant;

import com.virtdevice.alexa.AlexaProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;

/**
 * The Login with Amazon token endpoint: exchanges an AcceptGrant code and refreshes
 * access tokens, form-encoded with the skill's client credentials. Neither the request
 * nor the answer is ever logged: both carry secrets.
 */
final class LwaClient {

	private final RestClient http;

	private final AlexaProperties properties;

	private final Clock clock;

	LwaClient(RestClient http, AlexaProperties properties, Clock clock) {
		this.http = http;
		this.properties = properties;
		this.clock = clock;
	}

	/** Exchanges the code of an {@code Alexa.Authorization.AcceptGrant} directive. */
	LwaTokens exchange(String code) {
		MultiValueMap<String, String> form = credentials();
		form.add("grant_type", "authorization_code");
		form.add("code", code);
		return post(form, null);
	}

	/** Renews an access token; keeps the old refresh token if LWA returns none. */
	LwaTokens refresh(String refreshToken) {
		MultiValueMap<String, String> form = credentials();
		form.add("grant_type", "refresh_token");
		form.add("refresh_token", refreshToken);
		return post(form, refreshToken);
	}

	private MultiValueMap<String, String> credentials() {
		String id = this.properties.clientId();
		String secret = this.properties.clientSecret();
		if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
			throw new LwaUnavailable("virtdevice.alexa.client-id and client-secret are not configured");
		}
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("client_id", id);
		form.add("client_secret", secret);
		return form;
	}

	private LwaTokens post(MultiValueMap<String, String> form, @Nullable String previousRefreshToken) {
		Instant requestedAt = this.clock.instant();
		try {
			return this.http.post()
				.uri(this.properties.lwaTokenUrl())
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.accept(MediaType.APPLICATION_JSON)
				.body(form)
				.exchange((request, response) -> {
					int status = response.getStatusCode().value();
					JsonNode body = readBody(response);
					if (status >= 500 || status == 429) {
						throw new LwaUnavailable("Login with Amazon answered " + status);
					}
					if (status >= 400) {
						throw new LwaRejected(status, body.path("error").asString("unknown_error"));
					}
					return tokens(body, requestedAt, previousRefreshToken);
				});
		}
		catch (RestClientException ex) {
			throw new LwaUnavailable("Login with Amazon could not be reached: " + ex.getClass().getSimpleName(), ex);
		}
	}

	private static JsonNode readBody(ConvertibleClientHttpResponse response) {
		try {
			JsonNode body = response.bodyTo(JsonNode.class);
			return (body != null) ? body : MissingNode.getInstance();
		}
		catch (RestClientException ex) {
			return MissingNode.getInstance();
		}
	}

	private static LwaTokens tokens(JsonNode body, Instant requestedAt, @Nullable String previousRefreshToken) {
		String access = body.path("access_token").asString("");
		String refresh = body.path("refresh_token").asString("");
		if (refresh.isEmpty() && previousRefreshToken != null) {
			refresh = previousRefreshToken;
		}
		if (access.isEmpty() || refresh.isEmpty()) {
			throw new LwaUnavailable("Login with Amazon answered without access_token or refresh_token");
		}
		long expiresIn = body.path("expires_in").asLong(3600);
		return new LwaTokens(access, refresh, requestedAt.plusSeconds(expiresIn));
	}

}
