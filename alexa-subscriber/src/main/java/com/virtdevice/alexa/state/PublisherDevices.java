package com.virtdevice.alexa.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.virtdevice.support.security.ServiceTokens;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The publisher's {@code GET /api/devices/{id}} (docs/contract.md §4.1), read with the
 * service token (scope {@code ops:read} reads any device).
 */
final class PublisherDevices {

	private final RestClient http;

	private final ServiceTokens tokens;

	PublisherDevices(RestClient http, ServiceTokens tokens) {
		this.http = http;
		this.tokens = tokens;
	}

	/**
	 * The device's current property values; empty if the publisher does not know it.
	 * @throws PublisherUnavailable if the publisher cannot be asked
	 */
	Optional<Map<String, String>> properties(String deviceId) {
		JsonNode device;
		try {
			device = this.http.get()
				.uri("/api/devices/{id}", deviceId)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.tokens.token())
				.retrieve()
				.body(JsonNode.class);
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode() == HttpStatus.NOT_FOUND) {
				return Optional.empty();
			}
			throw new PublisherUnavailable("GET /api/devices/" + deviceId + " answered " + ex.getStatusCode(), ex);
		}
		catch (RestClientException | IllegalStateException ex) {
			throw new PublisherUnavailable("GET /api/devices/" + deviceId + " failed: " + ex.getMessage(), ex);
		}
		Map<String, String> properties = new LinkedHashMap<>();
		if (device != null) {
			device.path("properties").properties().forEach((entry) -> {
				if (entry.getValue().isString()) {
					properties.put(entry.getKey(), entry.getValue().asString());
				}
			});
		}
		return Optional.of(properties);
	}

}
