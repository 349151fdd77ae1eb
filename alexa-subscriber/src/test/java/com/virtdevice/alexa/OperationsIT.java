package com.virtdevice.alexa;

import java.nio.file.Path;

import com.virtdevice.testsupport.OpenApiDocument;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Health, metrics and the published API description. */
class OperationsIT extends AlexaServiceHarness {

	@Test
	void healthShowsRedisTheDatabaseTheSubscriptionAndDelivery() {
		JsonNode health = json(call("GET", "/actuator/health", null, null).body());
		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/redis/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/eventStream/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/eventStream/details/subscribed").asBoolean()).isTrue();
		assertThat(health.at("/components/alexaDelivery/status").asString()).isEqualTo("UP");
	}

	@Test
	void metricsArePublishedForPrometheus() {
		String metrics = call("GET", "/actuator/prometheus", null, null).body();
		assertThat(metrics).contains("virtdevice_alexa_events_in_flight").contains("virtdevice_events_position");
	}

	@Test
	void theCheckedInOpenApiDocumentMatchesTheService() {
		String live = call("GET", "/v3/api-docs", null, null).body();
		Path file = Path.of("..", "docs", "openapi", "alexa-subscriber.json");
		assertThat(OpenApiDocument.normalize(live)).isEqualTo(OpenApiDocument.checkedIn(file, live));
	}

}
