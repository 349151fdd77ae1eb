package com.virtdevice.ifttt.realtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Sends one request to IFTTT's Realtime API with the headers IFTTT asks for, and says how
 * it ended. Never throws: every failure is an {@link Outcome}.
 */
final class RealtimeClient {

	private static final int DETAIL_LENGTH = 300;

	private final RestClient http;

	private final URI url;

	private final String serviceKey;

	RealtimeClient(RestClient http, URI url, String serviceKey) {
		this.http = http;
		this.url = url;
		this.serviceKey = serviceKey;
	}

	Outcome post(byte[] body, String requestId) {
		try {
			return this.http.post()
				.uri(this.url)
				.header(RealtimeHeaders.SERVICE_KEY, this.serviceKey)
				.header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
				.header(HttpHeaders.ACCEPT_CHARSET, "utf-8")
				.header(HttpHeaders.ACCEPT_ENCODING, "gzip, deflate")
				.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
				.header(RealtimeHeaders.REQUEST_ID, requestId)
				.body(body)
				.exchange((request, response) -> new Outcome(response.getStatusCode().value(),
						retryAfter(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)),
						detail(response.getHeaders(), response.getBody())));
		}
		catch (RestClientException ex) {
			return Outcome.networkError(String.valueOf(ex.getMessage()));
		}
	}

	private static String detail(HttpHeaders headers, InputStream body) throws IOException {
		if (headers.getFirst(HttpHeaders.CONTENT_ENCODING) != null) {
			return "(encoded body)";
		}
		byte[] start = body.readNBytes(DETAIL_LENGTH);
		return new String(start, StandardCharsets.UTF_8);
	}

	private static @Nullable Duration retryAfter(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return Duration.ofSeconds(Long.parseLong(value.trim()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
