package com.virtdevice.localstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.virtdevice.testsupport.RecordedRequest;
import com.virtdevice.testsupport.RecordingHttpServer;
import com.virtdevice.testsupport.RecordingHttpServer.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stands in for the outside services in the local stack and records what the hub sends
 * them: the Alexa Event Gateway of each region ({@code /alexa/{na,eu,fe}/v3/events},
 * answers 202), Login with Amazon ({@code /lwa/auth/o2/token}, issues sandbox tokens) and
 * the IFTTT Realtime API ({@code /ifttt/v1/notifications}, answers 200). {@code GET /}
 * shows the recorded traffic, newest first; {@code GET /requests.json} gives it as JSON.
 */
public final class Sandbox implements AutoCloseable {

	static final String LWA_TOKEN_PATH = "/lwa/auth/o2/token";

	static final String IFTTT_PATH = "/ifttt/v1/notifications";

	private static final JsonMapper JSON = JsonMapper.shared();

	private final RecordingHttpServer server;

	/** What the sandbox's Alexa Event Gateway answers unless told otherwise. */
	public static final Response ALEXA_ACCEPTED = Response.status(202);

	private Sandbox(RecordingHttpServer server) {
		this.server = server;
		for (String region : List.of("na", "eu", "fe")) {
			server.respond(alexaPath(region), ALEXA_ACCEPTED);
		}
		server.respond(LWA_TOKEN_PATH,
				(request) -> Response.json(200,
						"{\"access_token\":\"Atza|sandbox-" + UUID.randomUUID() + "\",\"refresh_token\":\"Atzr|sandbox-"
								+ UUID.randomUUID() + "\",\"token_type\":\"bearer\",\"expires_in\":3600}"));
		server.respond(IFTTT_PATH, Response.json(200, "{}"));
		server.respond("/requests.json", (request) -> Response.json(200, JSON.writeValueAsString(recorded())));
		server.respond("/", (request) -> new Response(200, page(), Map.of("Content-Type", "text/html; charset=utf-8"),
				Duration.ZERO));
	}

	static Sandbox start(int port) {
		return new Sandbox((port == 0) ? RecordingHttpServer.start() : RecordingHttpServer.startOn(port));
	}

	/** The path of a region's ({@code na}, {@code eu}, {@code fe}) Event Gateway. */
	public static String alexaPath(String region) {
		return "/alexa/" + region + "/v3/events";
	}

	/**
	 * From now on the region's Event Gateway answers with this (e.g. 429 to throttle),
	 * until told {@link #ALEXA_ACCEPTED} again.
	 */
	public void alexaAnswers(String region, Response response) {
		this.server.respond(alexaPath(region), response);
	}

	public String baseUrl() {
		return this.server.baseUrl();
	}

	public int port() {
		return this.server.port();
	}

	/** What the hub sent, oldest first (not the sandbox's own pages). */
	public List<RecordedRequest> traffic() {
		return this.server.requests().stream().filter(isTraffic()).toList();
	}

	/** Requests to one path, oldest first. */
	public List<RecordedRequest> traffic(String path) {
		return this.server.requests(path);
	}

	@Override
	public void close() {
		this.server.close();
	}

	private static Predicate<RecordedRequest> isTraffic() {
		return (request) -> !request.method().equals("GET");
	}

	private ArrayNode recorded() {
		ArrayNode list = JSON.createArrayNode();
		List<RecordedRequest> traffic = traffic();
		for (int i = traffic.size() - 1; i >= 0; i--) {
			RecordedRequest request = traffic.get(i);
			ObjectNode entry = list.addObject();
			entry.put("receivedAt", request.receivedAt().toString());
			entry.put("method", request.method());
			entry.put("path", request.path());
			entry.put("to", describe(request.path()));
			ObjectNode headers = entry.putObject("headers");
			request.headers()
				.forEach((name, values) -> headers.put(name,
						name.equals("authorization") || name.equals("ifttt-service-key") ? "(redacted)"
								: String.join(", ", values)));
			String body = request.bodyAsString();
			entry.put("body", request.path().equals(LWA_TOKEN_PATH) ? "(form with secrets, redacted)" : body);
		}
		return list;
	}

	private static String describe(String path) {
		if (path.startsWith("/alexa/")) {
			return "Alexa Event Gateway (" + path.substring(7, 9).toUpperCase() + ")";
		}
		if (path.equals(LWA_TOKEN_PATH)) {
			return "Login with Amazon";
		}
		if (path.equals(IFTTT_PATH)) {
			return "IFTTT Realtime API";
		}
		return "elsewhere";
	}

	private String page() {
		StringBuilder html = new StringBuilder(
				"""
						<!doctype html><html lang="en"><head><meta charset="utf-8"><title>VirtDevice sandbox</title>
						<meta http-equiv="refresh" content="3">
						<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:70em}pre{background:#f4f4f4;padding:.6em;
						overflow:auto}h2{font-size:1em;margin:1.4em 0 .2em}table.summary{border-collapse:collapse;margin:.3em 0}
						.summary td,.summary th{border:1px solid #ccd;padding:.2em .6em;text-align:left}summary{cursor:pointer;color:#1d5bbf}</style></head><body>
						<h1>VirtDevice sandbox</h1><p>What the hub sent to Alexa, Login with Amazon and IFTTT, newest first
						(refreshes every 3 s; <a href="/requests.json">as JSON</a>).</p>
						""");
		for (var entry : recorded()) {
			html.append("<h2>")
				.append(escape(entry.path("receivedAt").asString()))
				.append(" — ")
				.append(escape(entry.path("to").asString()))
				.append(" <code>")
				.append(escape(entry.path("method").asString() + " " + entry.path("path").asString()))
				.append("</code></h2>")
				.append(summary(entry.path("path").asString(), entry.path("body").asString()))
				.append("<details><summary>Raw JSON</summary><pre>")
				.append(escape(pretty(entry.path("body").asString())))
				.append("</pre></details>");
		}
		return html.append("</body></html>").toString();
	}

	/**
	 * What a ChangeReport or an IFTTT notification says, readably: device, property,
	 * value, cause and region.
	 */
	static String summary(String path, String body) {
		JsonNode json;
		try {
			json = JSON.readTree(body);
		}
		catch (RuntimeException ex) {
			return "";
		}
		StringBuilder rows = new StringBuilder();
		if (path.startsWith("/alexa/")) {
			JsonNode event = json.path("event");
			String region = path.substring(7, 9).toUpperCase();
			String device = event.path("endpoint").path("endpointId").asString("?");
			String cause = event.path("payload").path("change").path("cause").path("type").asString("?");
			for (JsonNode property : event.path("payload").path("change").path("properties")) {
				rows.append(row(device,
						property.path("namespace").asString("") + " / " + property.path("name").asString(""),
						property.path("value").toString(), cause, region));
			}
		}
		else if (path.equals(IFTTT_PATH)) {
			for (JsonNode notification : json.path("data")) {
				rows.append(row(
						notification.path("trigger_identity").asString(notification.path("user_id").asString("?")),
						"trigger notification", notification.path("user_id").asString("—"), "IFTTT realtime", "—"));
			}
		}
		if (rows.isEmpty()) {
			return "";
		}
		return "<table class=\"summary\"><thead><tr><th>Device</th><th>Property</th><th>Value</th><th>Cause</th>"
				+ "<th>Region</th></tr></thead><tbody>" + rows + "</tbody></table>";
	}

	private static String row(String... cells) {
		StringBuilder row = new StringBuilder("<tr>");
		for (String cell : cells) {
			row.append("<td>").append(escape(cell)).append("</td>");
		}
		return row.append("</tr>").toString();
	}

	private static String pretty(String body) {
		try {
			return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body));
		}
		catch (RuntimeException ex) {
			return body;
		}
	}

	private static String escape(String text) {
		return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;");
	}

}
