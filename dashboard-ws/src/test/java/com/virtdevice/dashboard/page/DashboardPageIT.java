package com.virtdevice.dashboard.page;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.virtdevice.dashboard.RunningDashboard;
import com.virtdevice.dashboard.StompTestClient;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.testsupport.OpenApiDocument;
import com.virtdevice.testsupport.OpenApiDocument;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page and what it needs over plain HTTP: served at {@code /} with a strict CSP, the
 * STOMP client from its WebJar, the configuration endpoint, and the dev sign-in (local
 * profile) whose tokens the relay accepts. Everything else stays behind the hub's JWT
 * chain.
 */
class DashboardPageIT extends RunningDashboard {

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void servesThePageWithAStrictContentSecurityPolicy() throws Exception {
		HttpResponse<String> page = get("/");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<title>VirtDevice dashboard</title>")
			.contains("src=\"/webjars/stomp__stompjs/bundles/stomp.umd.min.js\"")
			.doesNotContain("https://");
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("script-src 'self'",
					"connect-src 'self' http://localhost:" + devicesApi.http().port() + ";", "frame-ancestors 'none'"));
	}

	@Test
	void servesTheStompClientFromItsWebJar() throws Exception {
		HttpResponse<String> script = get("/webjars/stomp__stompjs/bundles/stomp.umd.min.js");

		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.body()).contains("StompJs");
	}

	@Test
	void tellsThePageWhereThePublisherAndTheStompEndpointAre() throws Exception {
		JsonNode config = JsonMapper.shared().readTree(get("/dashboard/config").body());

		assertThat(config.path("publisherUrl").asString()).isEqualTo("http://localhost:" + devicesApi.http().port());
		assertThat(config.path("stompEndpoint").asString()).isEqualTo("/ws");
		assertThat(config.path("deviceUpdates").asString()).isEqualTo("/user/queue/device-updates");
		assertThat(config.path("lastSequenceHeader").asString()).isEqualTo("last-sequence");
		assertThat(config.path("devSignIn").asBoolean()).isTrue();
	}

	@Test
	void givesThePageThePublisherOnTheHostNameThePageWasOpenedWith() throws Exception {
		for (String host : new String[] { "127.0.0.1", "localhost" }) {
			HttpResponse<String> config = http
				.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + this.port + "/dashboard/config"))
					.build(), HttpResponse.BodyHandlers.ofString());
			String publisher = "http://" + host + ":" + devicesApi.http().port();

			assertThat(JsonMapper.shared().readTree(config.body()).path("publisherUrl").asString())
				.isEqualTo(publisher);
			assertThat(config.headers().firstValue("Content-Security-Policy"))
				.hasValueSatisfying((csp) -> assertThat(csp).contains("connect-src 'self' " + publisher + ";"));
		}
	}

	@Test
	void devSignInMintsATokenTheRelayAccepts() throws Exception {
		String lamp = device("grace-lamp", "grace", "Grace's lamp", Map.of("powerState", "OFF"));
		HttpResponse<String> signIn = post("/dev/sign-in", "{\"userId\":\"grace\",\"tenantId\":\"tenant-of-grace\"}");
		assertThat(signIn.statusCode()).isEqualTo(200);
		String token = JsonMapper.shared().readTree(signIn.body()).path("token").asString();

		StompTestClient client = StompTestClient.connect(this.port, token).subscribe(null);
		await().atMost(Duration.ofSeconds(30)).until(client::isConnected);
		DeviceStateEvent event = changeUntilDelivered(client, lamp);

		assertThat(client.events()).last().extracting(DeviceStateEvent::userId).isEqualTo("grace");
		assertThat(event.userId()).isEqualTo("grace");
		client.close();
	}

	@Test
	void devSignInRefusesIdsThatCannotNameAChannel() throws Exception {
		HttpResponse<String> signIn = post("/dev/sign-in", "{\"userId\":\"a:b\",\"tenantId\":\"t\"}");

		assertThat(signIn.statusCode()).isEqualTo(400);
		assertThat(signIn.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void keepsEverythingElseBehindTheJwtChain() throws Exception {
		assertThat(get("/actuator/metrics").statusCode()).isEqualTo(401);
		assertThat(get("/api/anything").statusCode()).isEqualTo(401);
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
	}

	@Test
	void publishesTheOpenApiDocumentThatIsCheckedIn() throws Exception {
		String live = get("/v3/api-docs").body();

		assertThat(OpenApiDocument.normalize(live))
			.isEqualTo(OpenApiDocument.checkedIn(Path.of("..", "docs", "openapi", "dashboard-ws.json"), live));
	}

	/**
	 * Changes the lamp until the subscription (registered asynchronously) receives it.
	 */
	private static DeviceStateEvent changeUntilDelivered(StompTestClient client, String lamp) {
		DeviceStateEvent[] last = new DeviceStateEvent[1];
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
			last[0] = devicesApi.change(lamp, "powerState",
					(last[0] == null || last[0].newValue().equals("OFF")) ? "ON" : "OFF", ChangeSource.WEB);
			return !client.events().isEmpty();
		});
		return last[0];
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
