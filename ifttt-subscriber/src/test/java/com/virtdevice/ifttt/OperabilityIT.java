package com.virtdevice.ifttt;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.virtdevice.testsupport.OpenApiDocument;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators rely on: health with every dependency, metrics, the OpenAPI document.
 */
class OperabilityIT extends IftttServiceTestBase {

	@Test
	void healthShowsRedisDatabaseEventStreamAndIftttUp() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/health")));

		JsonNode components = json(response).path("components");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(components.path("redis").path("status").asString()).isEqualTo("UP");
		assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
		assertThat(components.path("eventStream").path("status").asString()).isEqualTo("UP");
		assertThat(components.path("ifttt").path("status").asString()).isEqualTo("UP");
		assertThat(components.path("ifttt").path("details").path("realtimeEnabled").asBoolean()).isTrue();
	}

	@Test
	void prometheusExportsTheHistoryRealtimeAndEventStreamMetrics() {
		String metrics = send(HttpRequest.newBuilder(uri("/actuator/prometheus"))).body();

		assertThat(metrics).contains("virtdevice_ifttt_history_stored_total", "virtdevice_events_overflow_total",
				"virtdevice_ifttt_history_position", "virtdevice_ifttt_realtime_notified_total{",
				"kind=\"trigger_identity\"", "virtdevice_ifttt_realtime_batches_total{", "outcome=\"rejected\"",
				"virtdevice_ifttt_realtime_failures_total{", "reason=\"server_error\"",
				"virtdevice_ifttt_realtime_pending", "virtdevice_ifttt_trigger_polls_total{",
				"virtdevice_events_delivered_total");
	}

	@Test
	void checkedInOpenApiDocumentMatchesTheRunningService() {
		String live = send(HttpRequest.newBuilder(uri("/v3/api-docs"))).body();

		String checkedIn = OpenApiDocument.checkedIn(Path.of("..", "docs", "openapi", "ifttt-subscriber.json"), live);

		assertThat(OpenApiDocument.normalize(live)).isEqualTo(checkedIn);
	}

}
