package com.virtdevice.drills.hostile;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Generates hostile HTTP requests for every service's REST endpoints from a seed, so a
 * failing run can be repeated exactly: wrong types, huge and deeply nested JSON, invalid
 * UTF-8, odd headers, path traversal ids, SQL metacharacters, bad tokens and keys.
 */
final class RestFuzzer {

	/** What the fuzzer knows of the hub it attacks. */
	record Targets(String ownDevice, String otherTenantsDevice, String ownWebhook, String otherTenantsWebhook,
			String validToken, String twinToken, String badToken, String iftttKey) {
	}

	/**
	 * One generated request.
	 *
	 * @param service the service it goes to
	 * @param endpoint the endpoint template it was made from
	 * @param kind what is hostile about it
	 * @param method the HTTP method
	 * @param bytes the whole request as sent
	 */
	record FuzzRequest(String service, String endpoint, String kind, String method, byte[] bytes) {
	}

	private record Endpoint(String service, String method, String path, String validBody) {
	}

	private static final String PUBLISHER = "event-publisher";

	private static final String ALEXA = "alexa-subscriber";

	private static final String IFTTT = "ifttt-subscriber";

	private static final String DASHBOARD = "dashboard-ws";

	private static final String ACTIVITY = "activity-log";

	private static final List<Endpoint> ENDPOINTS = List.of(new Endpoint(PUBLISHER, "GET", "/api/devices", null),
			new Endpoint(PUBLISHER, "POST", "/api/devices",
					"{\"name\":\"Fuzz lamp\",\"type\":\"LIGHT\",\"properties\":{\"powerState\":\"OFF\"}}"),
			new Endpoint(PUBLISHER, "GET", "/api/devices/{id}", null),
			new Endpoint(PUBLISHER, "DELETE", "/api/devices/{foreignId}", null),
			new Endpoint(PUBLISHER, "PUT", "/api/devices/{id}/properties/{property}",
					"{\"value\":\"ON\",\"source\":\"web\"}"),
			new Endpoint(PUBLISHER, "PATCH", "/api/devices/{id}/properties",
					"{\"values\":{\"powerState\":\"ON\",\"brightness\":\"80\"},\"source\":\"alexa\"}"),
			new Endpoint(PUBLISHER, "POST", "/api/devices/{id}/webhooks", "{}"),
			new Endpoint(PUBLISHER, "DELETE", "/api/devices/{id}/webhooks/{foreignHook}", null),
			new Endpoint(PUBLISHER, "POST", "/hooks/{hook}", "{\"property\":\"powerState\",\"value\":\"ON\"}"),
			new Endpoint(PUBLISHER, "GET", "/api/events?afterSequence={number}&limit={number}", null),
			new Endpoint(ALEXA, "POST", "/api/alexa/grants", "{\"code\":\"fuzz-code\",\"region\":\"NA\"}"),
			new Endpoint(ALEXA, "GET", "/api/alexa/grants/me", null),
			new Endpoint(ALEXA, "DELETE", "/api/alexa/grants/me", null),
			new Endpoint(ALEXA, "GET", "/api/alexa/deliveries?deviceId={id}&limit={number}", null),
			new Endpoint(IFTTT, "POST", "/ifttt/v1/triggers/{slug}",
					"{\"trigger_identity\":\"fuzz-identity\",\"triggerFields\":{\"device_id\":\"{id}\","
							+ "\"property\":\"powerState\"},\"limit\":5}"),
			new Endpoint(IFTTT, "DELETE", "/ifttt/v1/triggers/{slug}/trigger_identity/{id}", null),
			new Endpoint(IFTTT, "GET", "/ifttt/v1/status", null),
			new Endpoint(IFTTT, "GET", "/ifttt/v1/user/info", null),
			new Endpoint(IFTTT, "POST", "/ifttt/v1/test/setup", "{}"), new Endpoint(DASHBOARD, "GET", "/", null),
			new Endpoint(DASHBOARD, "GET", "/dashboard/config", null),
			new Endpoint(DASHBOARD, "POST", "/dev/sign-in", "{\"userId\":\"fuzz\",\"tenantId\":\"fuzz\"}"),
			new Endpoint(DASHBOARD, "GET", "/ws", null), new Endpoint(DASHBOARD, "GET", "/{id}", null),
			new Endpoint(ACTIVITY, "GET",
					"/api/activity?deviceId={id}&source={word}&property={property}&from={word}&limit={number}"
							+ "&cursor={word}",
					null),
			new Endpoint(ACTIVITY, "GET", "/api/activity/{number}", null),
			new Endpoint(ACTIVITY, "GET", "/actuator/{word}", null));

	private static final String[] WRONG_TYPES = { "123", "true", "null", "[1,2,3]", "{\"a\":{\"b\":1}}", "1.5e400",
			"-0", "\"\"", "[\"ON\"]", "{\"$ne\":null}" };

	private static final String[] SQL = { "' OR '1'='1", "1; DROP TABLE publisher.devices; --", "\" OR \"\"=\"",
			"1' UNION SELECT secret FROM publisher.webhooks --", "%' AND pg_sleep(5) --",
			"'); DELETE FROM activity.activity; --", "\\'; SELECT 1; --" };

	private static final String[] TRAVERSAL = { "../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd",
			"%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..;/..;/actuator/env", "%252e%252e%252f", "....//....//", "%00",
			"foo%00.json", "..\\..\\windows\\win.ini", "%c0%ae%c0%ae/", "/%2F%2F/", "~root" };

	private static final String[] WORDS = { "", "x", "-1", "0", "99999999999999999999", "1e308", "NaN", "null", "true",
			"[]", "{}", "%ff%fe", "2026-13-45T99:99:99Z", "\u202e\u0000", "a".repeat(3000), "device_property_changed",
			"health", "prometheus", "env", "heapdump" };

	private final Random random;

	private final Targets targets;

	RestFuzzer(long seed, Targets targets) {
		this.random = new Random(seed);
		this.targets = targets;
	}

	FuzzRequest next() {
		Endpoint endpoint = ENDPOINTS.get(this.random.nextInt(ENDPOINTS.size()));
		int mutation = this.random.nextInt(10);
		String kind;
		byte[] target;
		byte[] body = (endpoint.validBody() != null) ? fill(endpoint.validBody()).getBytes(StandardCharsets.UTF_8)
				: new byte[0];
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", "Bearer " + this.targets.validToken());
		if (endpoint.validBody() != null) {
			headers.put("Content-Type", "application/json");
		}
		if (endpoint.service().equals(IFTTT)) {
			headers.put("IFTTT-Service-Key", this.targets.iftttKey());
		}
		switch (mutation) {
			case 0 -> {
				kind = "path-traversal";
				target = pathWith(endpoint, TRAVERSAL[this.random.nextInt(TRAVERSAL.length)], true);
			}
			case 1 -> {
				kind = "sql-metacharacters";
				String sql = SQL[this.random.nextInt(SQL.length)];
				target = pathWith(endpoint, sql, this.random.nextBoolean());
				if (body.length > 0) {
					body = fill(endpoint.validBody()).replace("\"ON\"", json(sql))
						.replace("\"Fuzz lamp\"", json(sql))
						.replace("\"fuzz-code\"", json(sql))
						.getBytes(StandardCharsets.UTF_8);
				}
			}
			case 2 -> {
				target = pathWith(endpoint, null, true);
				String value = WRONG_TYPES[this.random.nextInt(WRONG_TYPES.length)];
				// Every other value is no string where the endpoints want one.
				kind = value.equals("\"\"") ? "wrong-types/empty-string" : "wrong-types";
				body = wrongTypes(value).getBytes(StandardCharsets.UTF_8);
				headers.put("Content-Type", "application/json");
			}
			case 3 -> {
				kind = "huge-or-deep-json";
				target = pathWith(endpoint, null, true);
				body = hugeOrDeep();
				headers.put("Content-Type", "application/json");
			}
			case 4 -> {
				kind = "invalid-utf8";
				target = this.random.nextBoolean() ? concat(pathWith(endpoint, null, true), invalidUtf8())
						: pathWith(endpoint, null, true);
				body = concat("{\"value\":\"".getBytes(StandardCharsets.UTF_8), invalidUtf8(),
						"\",\"name\":\"x\",\"property\":\"p".getBytes(StandardCharsets.UTF_8), invalidUtf8(),
						"\"}".getBytes(StandardCharsets.UTF_8));
				headers.put("Content-Type", "application/json; charset=UTF-8");
			}
			case 5 -> {
				target = pathWith(endpoint, null, true);
				kind = "odd-headers/" + oddHeaders(headers);
			}
			case 6 -> {
				kind = "bad-credentials";
				target = pathWith(endpoint, null, true);
				badCredentials(headers);
			}
			case 7 -> {
				kind = "malformed-json";
				target = pathWith(endpoint, null, true);
				body = malformed(body);
				headers.put("Content-Type", "application/json");
			}
			case 8 -> {
				kind = "other-tenants-ids";
				target = pathWith(endpoint, null, false);
				headers.put("Authorization", "Bearer " + this.targets.validToken());
				if (this.random.nextBoolean()) {
					headers.put("Authorization", "Bearer " + this.targets.twinToken());
				}
			}
			default -> {
				kind = "wrong-method";
				target = pathWith(endpoint, null, true);
				// Methods that change nothing whichever endpoint they reach.
				String[] methods = { "TRACE", "OPTIONS", "FOO", "PROPFIND", "GET", "HEAD" };
				String method = methods[this.random.nextInt(methods.length)];
				return new FuzzRequest(endpoint.service(), endpoint.method() + " " + endpoint.path(), kind, method,
						RawHttp.request(method, target, headers, body));
			}
		}
		return new FuzzRequest(endpoint.service(), endpoint.method() + " " + endpoint.path(), kind, endpoint.method(),
				RawHttp.request(endpoint.method(), target, headers, body));
	}

	/**
	 * The endpoint's path with its placeholders filled: own ids, or {@code hostile} for
	 * one of them, or other tenants' ids when {@code own} is false.
	 */
	private byte[] pathWith(Endpoint endpoint, String hostile, boolean own) {
		String path = endpoint.path();
		String[] placeholders = { "{id}", "{foreignId}", "{property}", "{hook}", "{foreignHook}", "{number}", "{word}",
				"{slug}" };
		String chosen = placeholders[this.random.nextInt(placeholders.length)];
		for (String placeholder : placeholders) {
			while (path.contains(placeholder)) {
				String value = (hostile != null && placeholder.equals(chosen)) ? encodeSometimes(hostile)
						: value(placeholder, own);
				path = path.replaceFirst(java.util.regex.Pattern.quote(placeholder),
						java.util.regex.Matcher.quoteReplacement(value));
			}
		}
		if (hostile != null && !endpoint.path().contains(chosen)) {
			path = path + (path.contains("?") ? "&q=" : "?q=") + encodeSometimes(hostile);
		}
		return path.getBytes(StandardCharsets.UTF_8);
	}

	private String value(String placeholder, boolean own) {
		return switch (placeholder) {
			case "{id}" -> own ? this.targets.ownDevice() : this.targets.otherTenantsDevice();
			case "{foreignId}" ->
				this.random.nextBoolean() ? this.targets.otherTenantsDevice() : UUID.randomUUID().toString();
			case "{property}" -> this.random.nextBoolean() ? "powerState" : "brightness";
			case "{hook}" -> own ? this.targets.ownWebhook() : this.targets.otherTenantsWebhook();
			case "{foreignHook}" -> own ? UUID.randomUUID().toString() : this.targets.otherTenantsWebhook();
			case "{number}" -> String.valueOf(this.random.nextInt(50));
			case "{slug}" -> "device_property_changed";
			default -> "x";
		};
	}

	private String encodeSometimes(String value) {
		if (this.random.nextInt(3) == 0) {
			return value.replace(" ", "%20");
		}
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private String fill(String body) {
		return body.replace("{id}", this.targets.ownDevice());
	}

	private String wrongTypes(String v) {
		return switch (this.random.nextInt(6)) {
			case 0 -> "{\"value\":" + v + ",\"source\":" + v + "}";
			case 1 -> "{\"values\":" + v + ",\"source\":\"web\"}";
			case 2 -> "{\"values\":{\"powerState\":" + v + "}}";
			case 3 -> "{\"name\":" + v + ",\"type\":" + v + ",\"properties\":" + v + "}";
			case 4 -> "{\"code\":" + v + ",\"region\":" + v + ",\"property\":" + v + ",\"value\":" + v + "}";
			default -> "{\"trigger_identity\":" + v + ",\"triggerFields\":" + v + ",\"limit\":" + v + "}";
		};
	}

	private byte[] hugeOrDeep() {
		return switch (this.random.nextInt(5)) {
			case 0 -> ("{\"value\":\"" + "A".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
			case 1 -> ("[".repeat(20_000) + "]".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
			case 2 -> ("{\"values\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}")
				.getBytes(StandardCharsets.UTF_8);
			case 3 -> {
				StringBuilder many = new StringBuilder("{\"values\":{");
				for (int i = 0; i < 3000; i++) {
					many.append((i > 0) ? "," : "").append("\"p").append(i).append("\":\"v\"");
				}
				yield many.append("}}").toString().getBytes(StandardCharsets.UTF_8);
			}
			default -> ("{\"value\":\"" + "é".repeat(1025) + "\",\"name\":\"" + "n".repeat(60_000) + "\"}")
				.getBytes(StandardCharsets.UTF_8);
		};
	}

	private byte[] invalidUtf8() {
		byte[][] bad = { { (byte) 0xff }, { (byte) 0xc0, (byte) 0xaf }, { (byte) 0xed, (byte) 0xa0, (byte) 0x80 },
				{ (byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 }, { (byte) 0xe2, (byte) 0x82 },
				{ 0x00 }, { (byte) 0x80 } };
		return bad[this.random.nextInt(bad.length)];
	}

	/** Puts an odd header in; says which. */
	private String oddHeaders(Map<String, String> headers) {
		String[][] odd = { { "Content-Type", "text/plain" },
				{ "Content-Type", "application/json; charset=bogus-charset" },
				{ "Content-Type", "multipart/form-data" }, { "Accept", "text/html" }, { "Accept", "image/png" },
				{ "X-Huge", "h".repeat(20_000) }, { "Content-Length", "-5" }, { "Idempotency-Key", "k".repeat(4000) },
				{ "Idempotency-Key", "' OR 1=1 --" }, { "Transfer-Encoding", "gzip, chunked, identity" },
				{ "X-Null", "a\u0001b" }, { "Content-Type", "application/xml" }, { "Accept-Charset", "ebcdic" },
				{ "Accept", "application/json;q=garbage" }, { "Content-Type", "application/json; boundary=--" } };
		String[] header = odd[this.random.nextInt(odd.length)];
		headers.put(header[0], header[1]);
		return header[0] + ": " + ((header[1].length() > 40) ? header[1].substring(0, 10) + "…" : header[1]);
	}

	private void badCredentials(Map<String, String> headers) {
		switch (this.random.nextInt(8)) {
			case 0 -> headers.remove("Authorization");
			case 1 -> headers.put("Authorization", "Bearer " + this.targets.badToken());
			case 2 -> headers.put("Authorization", "Bearer");
			case 3 -> headers.put("Authorization", "Basic YWRtaW46YWRtaW4=");
			case 4 -> headers.put("Authorization", "Bearer " + "e".repeat(2000) + ".x.y");
			case 5 -> headers.put("IFTTT-Service-Key", "wrong-key");
			case 6 -> headers.put("IFTTT-Service-Key", "");
			default -> {
				headers.remove("Authorization");
				headers.put("X-VirtDevice-Signature", "sha256=" + "0".repeat(64));
			}
		}
	}

	private byte[] malformed(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		String[] forms = { text.isEmpty() ? "{" : text.substring(0, text.length() / 2), text + "garbage",
				"{\"value\":\"ON\",\"value\":\"OFF\"}", "{'value': 'ON'}", "{\"value\": NaN}", "/* c */ {\"value\":1}",
				"", "null", "[]", "\"string\"", "<xml/>" };
		return forms[this.random.nextInt(forms.length)].getBytes(StandardCharsets.UTF_8);
	}

	private static String json(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
