package com.virtdevice.publisher;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import com.virtdevice.publisher.ApiClient.Reply;
import com.virtdevice.testsupport.OpenApiDocument;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health, metrics and the checked-in OpenAPI document. */
@PublisherIntegrationTest
class OperabilityIT {

	@LocalServerPort
	private int port;

	@Test
	void healthShowsRedisTheDatabaseAndTheRelay() {
		ApiClient.user(this.port, "ops-probe-" + UUID.randomUUID(), "acme").createDevice("Lamp", "LIGHT", "{}");
		ApiClient anonymous = ApiClient.withToken(this.port, null);

		await().untilAsserted(() -> {
			JsonNode health = anonymous.get("/actuator/health").json();
			assertThat(health.path("status").asString()).isEqualTo("UP");
			assertThat(health.path("components").path("redis").path("status").asString()).isEqualTo("UP");
			assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
			JsonNode relay = health.path("components").path("relay");
			assertThat(relay.path("details").path("role").asString()).isEqualTo("LEADER");
			assertThat(relay.path("details").path("backlog").asLong()).isZero();
			assertThat(relay.path("details").path("publishedSequence").asLong()).isPositive();
		});
	}

	@Test
	void exportsPublishingMetricsForPrometheus() {
		ApiClient.user(this.port, "ops-probe-" + UUID.randomUUID(), "acme").createDevice("Lamp", "LIGHT", "{}");

		await().untilAsserted(() -> assertThat(ApiClient.withToken(this.port, null).get("/actuator/prometheus").body())
			.contains("virtdevice_publisher_events_published_total", "virtdevice_publisher_publish_latency_seconds",
					"virtdevice_publisher_relay_batch_size"));
	}

	@Test
	void letsTheDashboardsOriginCallTheApiFromABrowser() {
		ApiClient anonymous = ApiClient.withToken(this.port, null);
		String dashboard = "http://localhost:8084";

		Reply preflight = anonymous.send("OPTIONS", "/api/devices", null,
				Map.of("Origin", dashboard, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers",
						"authorization,content-type"));
		Reply call = ApiClient.user(this.port, "cors-" + UUID.randomUUID(), "acme")
			.send("GET", "/api/devices", null, Map.of("Origin", dashboard));
		Reply byAddress = anonymous.send("OPTIONS", "/api/devices", null,
				Map.of("Origin", "http://127.0.0.1:8084", "Access-Control-Request-Method", "GET"));
		Reply stranger = anonymous.send("OPTIONS", "/api/devices", null,
				Map.of("Origin", "http://evil.example", "Access-Control-Request-Method", "GET"));

		assertThat(preflight.status()).isEqualTo(200);
		assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(dashboard);
		assertThat(preflight.header("Access-Control-Allow-Methods")).contains("PUT");
		assertThat(call.header("Access-Control-Allow-Origin")).isEqualTo(dashboard);
		assertThat(byAddress.header("Access-Control-Allow-Origin")).as("the dashboard opened as 127.0.0.1")
			.isEqualTo("http://127.0.0.1:8084");
		assertThat(stranger.status()).isEqualTo(403);
		assertThat(stranger.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void theCheckedInOpenApiDocumentIsCurrent() {
		String live = ApiClient.withToken(this.port, null).get("/v3/api-docs").body();
		Path file = Path.of("..", "docs", "openapi", "event-publisher.json");

		assertThat(OpenApiDocument.checkedIn(file, live)).isEqualTo(OpenApiDocument.normalize(live));
	}

}
