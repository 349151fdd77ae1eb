package com.virtdevice.support.events;

import java.util.ArrayList;
import java.util.List;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.events.InvalidEventException;
import com.virtdevice.support.security.Scopes;
import com.virtdevice.support.security.ServiceTokens;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Client of the publisher's replay API, {@code GET /api/events?afterSequence=&limit=}
 * (docs/contract.md §4.4). With the service token it reads every user's events; with a
 * user's own token, that user's events only.
 */
public final class ReplayClient implements ReplaySource {

	private final RestClient http;

	private final ServiceTokens serviceTokens;

	private final EventCodec codec;

	public ReplayClient(RestClient http, ServiceTokens serviceTokens, EventCodec codec) {
		this.http = http;
		this.serviceTokens = serviceTokens;
		this.codec = codec;
	}

	@Override
	public ReplayPage fetch(long afterSequence, int limit) {
		String token;
		try {
			token = this.serviceTokens.token();
		}
		catch (IllegalStateException ex) {
			throw new ReplayUnavailable("No service token for the replay API: " + ex.getMessage(), ex);
		}
		return fetch(afterSequence, limit, token);
	}

	/**
	 * Reads events with the given bearer token (a user's own, for that user's events).
	 */
	public ReplayPage fetch(long afterSequence, int limit, @Nullable String bearerToken) {
		JsonNode body;
		try {
			body = this.http.get()
				.uri("/api/events?afterSequence={after}&limit={limit}", Math.max(0, afterSequence), limit)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
				.retrieve()
				.body(JsonNode.class);
		}
		catch (HttpClientErrorException.Unauthorized | HttpClientErrorException.Forbidden ex) {
			throw new ReplayRefused(
					"GET /api/events after " + afterSequence + " was refused (" + ex.getStatusCode().value()
							+ "): the service token is missing, expired or lacks " + Scopes.EVENTS_REPLAY,
					ex);
		}
		catch (RestClientException ex) {
			throw new ReplayUnavailable("GET /api/events after " + afterSequence + " failed: " + ex.getMessage(), ex);
		}
		if (body == null || !body.path("items").isArray()) {
			throw new ReplayUnavailable("The replay API answered without an items array");
		}
		List<DeviceStateEvent> items = new ArrayList<>(body.path("items").size());
		try {
			for (JsonNode item : body.path("items")) {
				items.add(this.codec.decode(item));
			}
		}
		catch (InvalidEventException ex) {
			throw new ReplayUnavailable("The replay API answered with an invalid event: " + ex.getMessage(), ex);
		}
		long latest = body.path("latestSequence").asLong(afterSequence);
		return new ReplayPage(items, body.path("nextSequence").asLong(afterSequence), latest);
	}

}
