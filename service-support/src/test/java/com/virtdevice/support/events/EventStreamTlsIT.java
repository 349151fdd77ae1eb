package com.virtdevice.support.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.virtdevice.events.BusRole;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.testsupport.RealInfrastructure;
import com.virtdevice.testsupport.RecordingHttpServer;
import com.virtdevice.testsupport.RecordingHttpServer.Response;
import com.virtdevice.testsupport.RedisServerProcess;
import com.virtdevice.testsupport.TestTls;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer connected to Redis over TLS ({@code rediss://}, the server's certificate
 * trusted through a standard Spring Boot SSL bundle) as its own least-privileged user:
 * events arrive, and health says the bus is encrypted.
 */
@SpringBootTest(classes = EventStreamIT.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "virtdevice.events.catch-up-interval=1h",
				"spring.ssl.bundle.pem.redis-test.truststore.certificate=" + TestTls.CERTIFICATE,
				"spring.data.redis.ssl.bundle=redis-test" })
@RealInfrastructure
class EventStreamTlsIT {

	private static final RedisServerProcess redis = RedisServerProcess.startOnFreePortWithTls();

	private static final RecordingHttpServer publisher = RecordingHttpServer.start();

	private static final Channels NAMESPACE = Channels.namespaced("stream-tls-it");

	private static final EventCodec codec = new EventCodec();

	@Autowired
	private EventStreamIT.Collector collector;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("virtdevice.redis.channel-namespace", NAMESPACE::namespace);
		registry.add("spring.data.redis.url", () -> redis.tlsUrlFor(BusRole.DEVICE_SUBSCRIBER, NAMESPACE));
		registry.add("virtdevice.publisher.url", publisher::baseUrl);
		publisher.respond("/api/events",
				(request) -> Response.json(200, "{\"items\":[],\"nextSequence\":0,\"latestSequence\":0}"));
	}

	@AfterAll
	static void stopServers() {
		publisher.close();
		redis.close();
	}

	@Test
	void receivesEventsOverTlsAndReportsAnEncryptedLeastPrivilegedBus() throws Exception {
		DeviceStateEvent event = DeviceStateEvent.propertyChanged(UUID.randomUUID(), 1, "dev-1", "user-1", "tenant-1",
				"brightness", null, "1", ChangeSource.API, Instant.now());
		RedisClient admin = RedisClient.create(redis.adminUrl());
		try (StatefulRedisConnection<byte[], byte[]> connection = admin.connect(ByteArrayCodec.INSTANCE)) {
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
				connection.sync()
					.publish(NAMESPACE.deviceState("dev-1").getBytes(StandardCharsets.UTF_8), codec.encode(event));
				return this.collector.sequences().contains(1L);
			});
		}
		finally {
			admin.shutdown();
		}

		JsonNode bus = health().path("components").path("redisBus").path("details");
		assertThat(bus.path("tls").asBoolean()).isTrue();
		assertThat(bus.path("posture").asString()).isEqualTo("least-privilege");
		assertThat(this.collector.sequences()).containsExactly(1L);
	}

	private JsonNode health() throws Exception {
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		return JsonMapper.shared().readTree(health.body());
	}

}
