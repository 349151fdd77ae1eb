package com.virtdevice.ifttt.api;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.virtdevice.ifttt.IftttProperties;
import com.virtdevice.support.events.PublisherClientProperties;
import com.virtdevice.support.security.ServiceTokens;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Device names for the {@code device_name} ingredient, from the publisher's device API
 * ({@code GET /api/devices/{id}} with the service token), cached. The history does not
 * store names: a renamed device shows its new name within the cache's lifetime. A failed
 * lookup leaves the ingredient out rather than failing IFTTT's poll, and is remembered
 * briefly so that a publisher outage does not slow every poll.
 */
@Component
class DeviceNames {

	private static final Logger log = LoggerFactory.getLogger(DeviceNames.class);

	private final RestClient http;

	private final ServiceTokens tokens;

	private final IftttProperties.DeviceNames properties;

	private final Clock clock = Clock.systemUTC();

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	DeviceNames(PublisherClientProperties publisher, ServiceTokens tokens, IftttProperties properties,
			RestClient.Builder restClients) {
		this.tokens = tokens;
		this.properties = properties.deviceNames();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(this.properties.timeout()).build());
		requests.setReadTimeout(this.properties.timeout());
		this.http = restClients.baseUrl(publisher.url()).requestFactory(requests).build();
	}

	/** The names of those devices that have one and could be looked up. */
	Map<String, String> namesOf(Collection<String> deviceIds) {
		Map<String, String> names = new LinkedHashMap<>();
		for (String deviceId : deviceIds) {
			String name = nameOf(deviceId);
			if (name != null) {
				names.put(deviceId, name);
			}
		}
		return names;
	}

	private @Nullable String nameOf(String deviceId) {
		Instant now = this.clock.instant();
		Cached cached = this.cache.get(deviceId);
		if (cached != null && now.isBefore(cached.expires())) {
			return cached.name();
		}
		Cached fresh = lookUp(deviceId, now);
		makeRoom(now);
		this.cache.put(deviceId, fresh);
		return fresh.name();
	}

	private Cached lookUp(String deviceId, Instant now) {
		try {
			Device device = this.http.get()
				.uri("/api/devices/{id}", deviceId)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.tokens.token())
				.retrieve()
				.body(Device.class);
			return new Cached((device != null) ? device.name() : null, now.plus(this.properties.ttl()));
		}
		catch (HttpClientErrorException.NotFound ex) {
			return new Cached(null, now.plus(this.properties.ttl()));
		}
		catch (RestClientException | IllegalStateException ex) {
			log.warn("Cannot look up the name of device {}; leaving device_name out for {}: {}", deviceId,
					this.properties.failureTtl(), ex.getMessage());
			return new Cached(null, now.plus(this.properties.failureTtl()));
		}
	}

	private void makeRoom(Instant now) {
		if (this.cache.size() >= this.properties.maxEntries()) {
			this.cache.values().removeIf((cached) -> !now.isBefore(cached.expires()));
			if (this.cache.size() >= this.properties.maxEntries()) {
				this.cache.clear();
			}
		}
	}

	private record Cached(@Nullable String name, Instant expires) {

	}

	/** The part of the publisher's device we use. */
	record Device(@Nullable String name) {

	}

}
