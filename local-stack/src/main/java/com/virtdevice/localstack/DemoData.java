package com.virtdevice.localstack;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.virtdevice.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo user's world, created on first start so the dashboard is not empty: a light, a
 * lock, a thermostat and a contact sensor, and an Alexa link to the sandbox so that
 * ChangeReports flow.
 */
final class DemoData {

	static final String USER = "demo";

	static final String TENANT = "demo";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final LocalStack stack;

	private final String token;

	private String lightId = "";

	private DemoData(LocalStack stack) {
		this.stack = stack;
		this.token = TestTokens.forUser(USER, TENANT)
			.scopes("devices:read", "devices:write", "events:read", "activity:read")
			.expiresAt(Instant.now().plus(Duration.ofHours(12)))
			.signedWith(stack.jwtSecret())
			.sign();
	}

	static DemoData seed(LocalStack stack, PrintStream out) {
		DemoData demo = new DemoData(stack);
		demo.seedDevices(out);
		demo.linkAlexa(out);
		return demo;
	}

	String token() {
		return this.token;
	}

	String lightId() {
		return this.lightId;
	}

	void printTour(PrintStream out) {
		String publisher = this.stack.url("event-publisher");
		out.println();
		out.println("A token for the demo user (valid 12 h):");
		out.println("  export TOKEN=" + this.token);
		out.println();
		out.println("Turn the demo light on, then watch it on the dashboard, in the sandbox and in the audit log:");
		out.println("  curl -X PUT " + publisher + "/api/devices/" + this.lightId + "/properties/powerState \\");
		out.println("       -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\");
		out.println("       -d '{\"value\": \"ON\", \"source\": \"api\"}'");
		out.println("  curl -H \"Authorization: Bearer $TOKEN\" '" + this.stack.url("activity-log")
				+ "/api/activity?deviceId=" + this.lightId + "'");
	}

	private void seedDevices(PrintStream out) {
		String publisher = this.stack.url("event-publisher");
		JsonNode existing = call("GET", publisher + "/api/devices", null).path("items");
		if (existing.size() == 0) {
			create(publisher, "Living room light", "LIGHT",
					"{\"powerState\":\"OFF\",\"brightness\":\"60\",\"colorTemperatureInKelvin\":\"2700\",\"connectivity\":\"{\\\"value\\\":\\\"OK\\\"}\"}");
			create(publisher, "Front door", "LOCK", "{\"lockState\":\"LOCKED\"}");
			create(publisher, "Hallway thermostat", "THERMOSTAT",
					"{\"thermostatMode\":\"HEAT\",\"targetSetpoint\":\"{\\\"value\\\":21.0,\\\"scale\\\":\\\"CELSIUS\\\"}\","
							+ "\"temperature\":\"{\\\"value\\\":19.5,\\\"scale\\\":\\\"CELSIUS\\\"}\"}");
			create(publisher, "Back door sensor", "CONTACT_SENSOR", "{\"contact\":\"NOT_DETECTED\"}");
			out.println("         created the demo user's devices");
			existing = call("GET", publisher + "/api/devices", null).path("items");
		}
		for (JsonNode device : existing) {
			if (device.path("type").asString().equals("LIGHT")) {
				this.lightId = device.path("id").asString();
				break;
			}
		}
	}

	private void linkAlexa(PrintStream out) {
		String alexa = this.stack.url("alexa-subscriber");
		if (!call("GET", alexa + "/api/alexa/grants/me", null).path("linked").asBoolean()) {
			call("POST", alexa + "/api/alexa/grants", "{\"code\":\"sandbox-grant-code\",\"region\":\"NA\"}");
			out.println("         linked the demo user to Alexa (the sandbox's Event Gateway)");
		}
	}

	private void create(String publisher, String name, String type, String properties) {
		call("POST", publisher + "/api/devices",
				"{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"properties\":" + properties + "}");
	}

	private JsonNode call(String method, String url, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + this.token)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IllegalStateException(
						method + " " + url + " answered " + response.statusCode() + ": " + response.body());
			}
			return response.body().isEmpty() ? JsonMapper.shared().createObjectNode()
					: JsonMapper.shared().readTree(response.body());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(method + " " + url + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
