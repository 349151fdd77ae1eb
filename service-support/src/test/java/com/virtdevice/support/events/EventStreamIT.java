package com.virtdevice.support.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.virtdevice.events.BusRole;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.events.EventType;
import com.virtdevice.testsupport.RealInfrastructure;
import com.virtdevice.testsupport.RecordedRequest;
import com.virtdevice.testsupport.RecordingHttpServer;
import com.virtdevice.testsupport.RecordingHttpServer.Response;
import com.virtdevice.testsupport.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

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
 * The shared event stream against a real Redis (its own, so it can be restarted, with
 * ACLs on: the service is a subscriber that may not publish) and a local stand-in for the
 * publisher's replay API: live events delivered as received, ordered, once each,
 * malformed and never-published messages counted, gaps and missed tails filled.
 */
@SpringBootTest(classes = EventStreamIT.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "virtdevice.events.catch-up-interval=1h", "virtdevice.events.max-retry-backoff=1s" })
@RealInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventStreamIT {

	private static final RedisServerProcess redis = RedisServerProcess.startOnFreePort();

	private static final RecordingHttpServer publisher = RecordingHttpServer.start();

	private static final List<DeviceStateEvent> published = new CopyOnWriteArrayList<>();

	private static final EventCodec codec = new EventCodec();

	private static final Channels NAMESPACE = Channels.namespaced("stream-it");

	/** The test's own client, with every right: it plays the publisher. */
	private static final RedisClient admin = RedisClient.create(redis.adminUrl());

	@Autowired
	private Collector collector;

	@Autowired
	private Channels channels;

	@Autowired
	private MeterRegistry meters;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("virtdevice.redis.channel-namespace", NAMESPACE::namespace);
		registry.add("spring.data.redis.url", () -> redis.urlFor(BusRole.DEVICE_SUBSCRIBER, NAMESPACE));
		registry.add("virtdevice.publisher.url", publisher::baseUrl);
	}

	@AfterAll
	static void stopServers() {
		admin.shutdown();
		publisher.close();
		redis.close();
	}

	@BeforeEach
	void replayFromThePublishedList() {
		publisher.respond("/api/events", EventStreamIT::replay);
	}

	@Test
	@Order(1)
	void deliversLiveEventsInSequenceOrderOnceEach() {
		publishUntilDelivered(event(1));
		DeviceStateEvent two = event(2);
		publish(two);
		publish(two);
		publish(lifecycle(3));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.collector.sequences().size() == 3);
		assertThat(this.collector.sequences()).containsExactly(1L, 2L, 3L);
		assertThat(this.collector.events).extracting(StreamedEvent::event).containsExactlyElementsOf(published);
		assertThat(this.collector.events).noneMatch(StreamedEvent::replayed);
		assertThat(publisher.requests("/api/events")).as("in-sequence live events need no replay request").isEmpty();
	}

	@Test
	@Order(2)
	void rejectsMalformedAndMisroutedMessagesAndKeepsGoing() {
		double rejectedBefore = this.meters.counter("virtdevice.events.rejected").count();
		send(this.channels.deviceState("dev-1"), "not json".getBytes(StandardCharsets.UTF_8));
		send(this.channels.deviceState("dev-1"), "{\"type\":\"property_changed\"}".getBytes(StandardCharsets.UTF_8));
		send(this.channels.deviceState("another-device"), codec.encode(event(4)));
		publish(event(4));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.collector.sequences().contains(4L));
		assertThat(this.meters.counter("virtdevice.events.rejected").count()).isEqualTo(rejectedBefore + 3);
		assertThat(this.collector.sequences()).containsExactly(1L, 2L, 3L, 4L);
	}

	@Test
	@Order(3)
	void rejectsAWellFormedEventWhoseSequenceThePublisherNeverPublished() {
		double rejectedBefore = this.meters.counter("virtdevice.events.rejected").count();
		send(this.channels.deviceState("dev-1"), codec.encode(event(1_000)));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.meters.counter("virtdevice.events.rejected").count() == rejectedBefore + 1);
		assertThat(this.collector.sequences()).containsExactly(1L, 2L, 3L, 4L);
	}

	@Test
	@Order(4)
	void fillsAJumpFromTheReplayApiWithAServiceToken() {
		published.add(event(5));
		published.add(event(6));
		publish(event(7));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.collector.sequences().contains(7L));
		assertThat(this.collector.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
		RecordedRequest replay = publisher.requests("/api/events")
			.stream()
			.filter((request) -> request.query().startsWith("afterSequence=4&"))
			.findFirst()
			.orElseThrow();
		assertThat(replay.query()).isEqualTo("afterSequence=4&limit=500");
		assertThat(claimsOf(replay.header("Authorization"))).contains("\"scope\":\"events:replay ops:read\"");
	}

	@Test
	@Order(5)
	void catchesUpOnWhatWasPublishedWhileRedisWasDown() {
		redis.stop();
		published.add(event(8));
		published.add(event(9));
		redis.start();

		await().atMost(Duration.ofSeconds(30)).until(() -> this.collector.sequences().contains(9L));
		publishUntilDelivered(event(10));
		assertThat(this.collector.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
	}

	@Test
	@Order(6)
	void reportsTheStreamInHealth() throws Exception {
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());

		JsonNode stream = JsonMapper.shared().readTree(health.body()).path("components").path("eventStream");
		assertThat(stream.path("status").asString()).isEqualTo("UP");
		assertThat(stream.path("details").path("subscribed").asBoolean()).isTrue();
		assertThat(stream.path("details").path("position").asLong()).isEqualTo(10);
		assertThat(stream.path("details").path("rejected").asLong()).isEqualTo(4);
	}

	@Test
	@Order(7)
	void reportsItsLeastPrivilegedRedisUserInHealth() throws Exception {
		JsonNode bus = health().path("components").path("redisBus");

		assertThat(bus.path("status").asString()).isEqualTo("UP");
		assertThat(bus.path("details").path("posture").asString()).isEqualTo("least-privilege");
		assertThat(bus.path("details").path("user").asString()).isEqualTo("vd-stream-it-device-subscriber");
		assertThat(bus.path("details").path("role").asString()).isEqualTo("DEVICE_SUBSCRIBER");
	}

	@Test
	@Order(8)
	void isOutOfServiceWhileTheReplayApiRefusesItsTokenAndRecoversAfter() throws Exception {
		publisher.respond("/api/events", (request) -> Response.json(401, "{\"title\":\"Unauthorized\"}"));
		published.add(event(11));
		publish(event(12));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(health().path("components").path("eventStream").path("status").asString())
				.isEqualTo("OUT_OF_SERVICE"));
		assertThat(health().path("components").path("eventStream").path("details").path("replayRefused").asBoolean())
			.isTrue();

		publisher.respond("/api/events", EventStreamIT::replay);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.collector.sequences().contains(12L));
		assertThat(health().path("components").path("eventStream").path("status").asString()).isEqualTo("UP");
		assertThat(this.collector.sequences()).endsWith(10L, 11L, 12L);
	}

	private JsonNode health() throws Exception {
		HttpResponse<String> health = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
		return JsonMapper.shared().readTree(health.body());
	}

	/**
	 * Publishes the event until the stream has it: Redis drops messages published before
	 * a subscription exists, and the stream drops repeats, so this delivers it exactly
	 * once.
	 */
	private void publishUntilDelivered(DeviceStateEvent event) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			publish(event);
			return this.collector.sequences().contains(event.sequence());
		});
	}

	private void publish(DeviceStateEvent event) {
		if (published.stream().noneMatch((known) -> known.sequence() == event.sequence())) {
			published.add(event);
		}
		for (String channel : this.channels.channelsFor(event)) {
			if (!channel.startsWith(this.channels.userEvents(event.userId()))) {
				send(channel, codec.encode(event));
			}
		}
	}

	private void send(String channel, byte[] message) {
		try (StatefulRedisConnection<byte[], byte[]> connection = admin.connect(ByteArrayCodec.INSTANCE)) {
			connection.sync().publish(channel.getBytes(StandardCharsets.UTF_8), message);
		}
	}

	private static Response replay(RecordedRequest request) {
		long after = Long.parseLong(request.query().replaceAll(".*afterSequence=(\\d+).*", "$1"));
		List<DeviceStateEvent> items = published.stream().filter((event) -> event.sequence() > after).toList();
		long latest = published.stream().mapToLong(DeviceStateEvent::sequence).max().orElse(0);
		String json = items.stream().map(codec::encodeToString).collect(Collectors.joining(",", "[", "]"));
		return Response.json(200,
				"{\"items\":" + json + ",\"nextSequence\":" + latest + ",\"latestSequence\":" + latest + "}");
	}

	private static String claimsOf(String authorization) {
		String token = authorization.substring("Bearer ".length());
		return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
	}

	private static DeviceStateEvent event(long sequence) {
		return DeviceStateEvent.propertyChanged(UUID.randomUUID(), sequence, "dev-1", "user-1", "tenant-1",
				"brightness", null, Long.toString(sequence), ChangeSource.API, Instant.now());
	}

	private static DeviceStateEvent lifecycle(long sequence) {
		return DeviceStateEvent.lifecycle(EventType.DEVICE_CREATED, UUID.randomUUID(), sequence, "dev-2", "user-1",
				"tenant-1", ChangeSource.API, Instant.now());
	}

	static class Collector implements HubEventListener {

		final List<StreamedEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public StreamChannels channels() {
			return StreamChannels.DEVICES_AND_GLOBAL;
		}

		@Override
		public OptionalLong lastHandledSequence() {
			return OptionalLong.empty();
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
