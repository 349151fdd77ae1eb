package com.virtdevice.support.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.testsupport.FakeIdentityProvider;
import com.virtdevice.testsupport.FakePublisher;
import com.virtdevice.testsupport.RealInfrastructure;
import com.virtdevice.testsupport.RecordedRequest;
import com.virtdevice.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * JWK mode: a consumer obtains its service token from a (local fake) identity provider by
 * OAuth 2.0 client credentials, and a new one when it nears expiry, so it keeps reading
 * the replay API — which refuses expired tokens — long after its first token has expired.
 */
@SpringBootTest(classes = ServiceTokenRenewalIT.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "virtdevice.events.catch-up-interval=300ms", "virtdevice.events.max-retry-backoff=500ms",
				"virtdevice.security.service-token.renew-before=1s" })
@RealInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceTokenRenewalIT {

	private static final String NAMESPACE = TestInfrastructure.newChannelNamespace();

	private static final FakeIdentityProvider identityProvider = FakeIdentityProvider
		.start("consumer-client", "consumer-client-secret")
		.tokenLifetime(Duration.ofSeconds(3));

	private static final FakePublisher publisher = FakePublisher.start(TestInfrastructure.redisUrl(), NAMESPACE)
		.acceptTokens(identityProvider::isValid)
		.device("dev-1", "user-1", "tenant-1", "Lamp", "LIGHT", Map.of("powerState", "OFF"));

	@Autowired
	private Collector collector;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void identityProvider(DynamicPropertyRegistry registry) {
		registry.add("virtdevice.redis.channel-namespace", () -> NAMESPACE);
		registry.add("virtdevice.publisher.url", publisher::baseUrl);
		registry.add("virtdevice.security.jwt.secret", () -> "");
		identityProvider.serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterAll
	static void stop() {
		publisher.close();
		identityProvider.close();
	}

	@Test
	@Order(1)
	void keepsReadingTheReplayApiAfterItsFirstTokenExpired() throws Exception {
		publisher.recordOnly("dev-1", "powerState", "ON", ChangeSource.API);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.collector.sequences().contains(1L));
		String first = identityProvider.issuedTokens().get(0);

		await().atMost(Duration.ofSeconds(10)).until(() -> !identityProvider.isValid(first));
		publisher.recordOnly("dev-1", "powerState", "OFF", ChangeSource.API);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.collector.sequences().contains(2L));

		assertThat(this.collector.sequences()).containsExactly(1L, 2L);
		assertThat(identityProvider.issuedTokens()).hasSizeGreaterThan(1);
		List<String> presented = publisher.http()
			.requests("/api/events")
			.stream()
			.map((request) -> request.header("Authorization"))
			.toList();
		assertThat(presented).allSatisfy(
				(header) -> assertThat(identityProvider.issuedTokens()).contains(header.substring("Bearer ".length())));
		assertThat(presented.get(presented.size() - 1)).isNotEqualTo("Bearer " + first);
		RecordedRequest tokenRequest = identityProvider.tokenRequests().get(0);
		assertThat(tokenRequest.form()).containsEntry("grant_type", "client_credentials")
			.containsEntry("scope", "events:replay ops:read");
		JsonNode health = health();
		assertThat(health.path("components").path("eventStream").path("status").asString()).isEqualTo("UP");
		assertThat(health.path("components").path("serviceToken").path("status").asString()).isEqualTo("UP");
		assertThat(health.path("components").path("serviceToken").path("details").path("source").asString())
			.isEqualTo("client-credentials");
	}

	@Test
	@Order(2)
	void isDownWhileTheIdentityProviderRefusesAndRecoversAfter() throws Exception {
		identityProvider.refuseTokens(true);
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(health().path("components").path("serviceToken").path("status").asString())
				.isEqualTo("DOWN"));
		assertThat(health().path("components").path("serviceToken").path("details").path("error").asString())
			.contains("invalid_client");

		identityProvider.refuseTokens(false);
		publisher.recordOnly("dev-1", "powerState", "ON", ChangeSource.API);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.collector.sequences().contains(3L));
		assertThat(health().path("components").path("serviceToken").path("status").asString()).isEqualTo("UP");
	}

	private JsonNode health() throws Exception {
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		return JsonMapper.shared().readTree(health.body());
	}

	static class Collector implements HubEventListener {

		private final List<StreamedEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public StreamChannels channels() {
			return StreamChannels.DEVICES_AND_GLOBAL;
		}

		/**
		 * From the start: so that the stream reads the replay API from the first event
		 * on.
		 */
		@Override
		public OptionalLong lastHandledSequence() {
			return OptionalLong.of(this.events.isEmpty() ? 0 : this.events.get(this.events.size() - 1).sequence());
		}

		@Override
		public void onEvents(List<StreamedEvent> events) {
			this.events.addAll(events);
		}

		List<Long> sequences() {
			return this.events.stream().map(StreamedEvent::sequence).toList();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Collector collector() {
			return new Collector();
		}

	}

}
