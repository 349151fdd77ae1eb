package com.virtdevice.testsupport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One request a {@link RecordingHttpServer} received.
 *
 * @param method the HTTP method
 * @param path the path, without the query
 * @param query the raw query string, empty if none
 * @param headers the headers, names in lower case
 * @param body the raw body
 * @param receivedAt when it arrived
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
		Instant receivedAt) {

	/** The first value of a header, by case-insensitive name. */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/** The body as {@code application/x-www-form-urlencoded} fields. */
	public Map<String, String> form() {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String pair : bodyAsString().split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = (eq < 0) ? pair : pair.substring(0, eq);
			String value = (eq < 0) ? "" : pair.substring(eq + 1);
			fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return fields;
	}

}
