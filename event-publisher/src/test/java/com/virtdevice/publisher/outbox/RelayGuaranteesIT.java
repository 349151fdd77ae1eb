package com.virtdevice.publisher.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.virtdevice.events.BusRole;
import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.events.EventType;
import com.virtdevice.publisher.ApiClient;
import com.virtdevice.publisher.EventRecorder;
import com.virtdevice.publisher.EventRecorder.Received;
import com.virtdevice.publisher.PublisherProperties;
import com.virtdevice.testsupport.RealInfrastructure;
import com.virtdevice.testsupport.RedisServerProcess;
import com.virtdevice.testsupport.TestInfrastructure;
import com.virtdevice.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The core guarantee under failure, against a Redis of its own that the test stops and
 * starts: every committed change is published once, in commit order per device, with a
 * contiguous sequence — through a Redis outage, a relay stopped between commit and
 * publish, concurrent writers and a relay failover.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class RelayGuaranteesIT {

	private static final RedisServerProcess redis = RedisServerProcess.startOnFreePort();

	private static final String NAMESPACE = TestInfrastructure.newChannelNamespace();

	private final EventCodec codec = new EventCodec();

	@LocalServerPort
	private int port;

	@Autowired
	private Channels channels;

	@Autowired
	private OutboxRelay relay;

	@Autowired
	private RelayConnections connections;

	@Autowired
	private RedisEventPublisher publisher;

	@Autowired
	private RelayMetrics metrics;

	@Autowired
	private org.springframework.jdbc.core.JdbcTemplate jdbc;

	@Autowired
	private PublisherProperties properties;

	private EventRecorder recorder;

	private ApiClient alice;

	@DynamicPropertySource
	static void ownRedis(DynamicPropertyRegistry registry) {
		registry.add("virtdevice.redis.channel-namespace", () -> NAMESPACE);
		registry.add("spring.data.redis.url", () -> redis.urlFor(BusRole.PUBLISHER, Channels.namespaced(NAMESPACE)));
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@BeforeEach
	void setUp() {
		redis.start();
		if (!this.relay.isRunning()) {
			this.relay.start();
		}
		this.recorder = new EventRecorder(redis.url(), this.channels.namespace());
		this.alice = ApiClient.user(this.port, "alice-" + UUID.randomUUID(), "acme");
	}

	@AfterEach
	void tearDown() {
		this.recorder.close();
	}

	@Test
	void publishesEveryChangeOnceAndInOrderThroughARedisOutage() throws Exception {
		List<String> devices = List.of(this.alice.createDevice("A", "LIGHT", "{}"),
				this.alice.createDevice("B", "LIGHT", "{}"));
		AtomicInteger committed = new AtomicInteger();
		ExecutorService writer = Executors.newSingleThreadExecutor();
		Future<?> burst = writer.submit(() -> {
			for (int i = 0; i < 200; i++) {
				String device = devices.get(i % 2);
				if (this.alice.put("/api/devices/" + device + "/properties/level", "{\"value\":\"" + i + "\"}")
					.status() == 200) {
					committed.incrementAndGet();
				}
			}
		});
		await().until(() -> committed.get() >= 50);
		redis.stop();
		Thread.sleep(1500);
		redis.start();
		burst.get(60, TimeUnit.SECONDS);
		writer.shutdown();

		assertThat(committed).hasValue(200);
		awaitAllPublished();
		List<DeviceStateEvent> stored = replay(devices);
		assertThat(stored).hasSize(202);
		assertContiguous(stored);
		assertThat(Long.parseLong(fence())).isEqualTo(this.relay.status().lastSequence());
		List<Received> live = this.recorder.all()
			.stream()
			.filter((r) -> r.channel().contains(":device:") && devices.contains(r.event().deviceId()))
			.toList();
		assertThat(live).extracting((r) -> r.event().eventId()).doesNotHaveDuplicates();
		assertThat(live).extracting((r) -> r.event().sequence()).isSorted();
		assertThat(stored).extracting(DeviceStateEvent::eventId)
			.containsAll(live.stream().map((r) -> r.event().eventId()).toList());
	}

	@Test
	void aChangeCommittedWhileTheRelayIsDownIsPublishedWhenItComesBack() throws Exception {
		String device = this.alice.createDevice("Lamp", "LIGHT", "{\"powerState\":\"OFF\"}");
		this.recorder.await((r) -> r.event().deviceId().equals(device), 2);
		this.relay.stop();

		assertThat(this.alice.put("/api/devices/" + device + "/properties/powerState", "{\"value\":\"ON\"}").status())
			.isEqualTo(200);
		this.recorder.assertStaysAt((r) -> r.event().deviceId().equals(device), 2);

		this.relay.start();
		DeviceStateEvent published = this.recorder
			.await((r) -> r.event().deviceId().equals(device) && r.event().type() == EventType.PROPERTY_CHANGED, 2)
			.get(0)
			.event();
		assertThat(published.newValue()).isEqualTo("ON");
		assertThat(this.recorder.ofDevice(device)).hasSize(4);
	}

	@Test
	void concurrentWritersGetAnOldValueChainPerDeviceAndAStreamWithoutHoles() throws Exception {
		List<String> shared = List.of(this.alice.createDevice("S1", "LIGHT", "{\"level\":\"start\"}"),
				this.alice.createDevice("S2", "LIGHT", "{\"level\":\"start\"}"));
		ExecutorService writers = Executors.newFixedThreadPool(8);
		List<Future<?>> done = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			int thread = t;
			String own = this.alice.createDevice("Own " + t, "LIGHT", "{\"level\":\"start\"}");
			done.add(writers.submit(() -> {
				for (int i = 0; i < 25; i++) {
					for (String device : List.of(shared.get(i % 2), own)) {
						this.alice.put("/api/devices/" + device + "/properties/level",
								"{\"value\":\"t" + thread + "-" + i + "\"}");
					}
				}
			}));
		}
		for (Future<?> writer : done) {
			writer.get(120, TimeUnit.SECONDS);
		}
		writers.shutdown();
		awaitAllPublished();

		List<DeviceStateEvent> all = replayAll();
		assertContiguous(all);
		Map<String, List<DeviceStateEvent>> byDevice = new HashMap<>();
		all.stream()
			.filter((e) -> e.type() == EventType.PROPERTY_CHANGED && "level".equals(e.property()))
			.forEach((e) -> byDevice.computeIfAbsent(e.deviceId(), (k) -> new ArrayList<>()).add(e));
		assertThat(byDevice.get(shared.get(0))).hasSize(8 * 13);
		assertThat(byDevice.get(shared.get(1))).hasSize(8 * 12);
		for (List<DeviceStateEvent> chain : byDevice.values()) {
			String previous = "start";
			for (DeviceStateEvent event : chain) {
				assertThat(event.oldValue()).as("old value of %s", event).isEqualTo(previous);
				previous = event.newValue();
			}
		}
	}

	@Test
	void aStandbyRelayTakesOverWhenTheLeaderGoesAway() throws Exception {
		await().until(() -> this.relay.status().role() == RelayStatus.Role.LEADER);
		OutboxRelay standby = new OutboxRelay(this.connections, this.publisher, new RelayWakeup(this.jdbc),
				this.metrics, this.properties);
		standby.start();
		try {
			await().until(() -> standby.status().role() == RelayStatus.Role.STANDBY);
			String device = this.alice.createDevice("Lamp", "LIGHT", "{}");
			this.recorder.await((r) -> r.event().deviceId().equals(device), 2);

			this.relay.stop();
			long stopped = System.nanoTime();
			await().atMost(Duration.ofSeconds(10)).until(() -> standby.status().role() == RelayStatus.Role.LEADER);
			long takeoverMillis = (System.nanoTime() - stopped) / 1_000_000;
			this.alice.put("/api/devices/" + device + "/properties/powerState", "{\"value\":\"ON\"}");

			this.recorder
				.await((r) -> r.event().deviceId().equals(device) && r.event().type() == EventType.PROPERTY_CHANGED, 2);
			assertThat(takeoverMillis).isLessThan(5000);
			awaitAllPublished(standby);
			assertContiguous(replayAll());
		}
		finally {
			standby.stop();
			this.relay.start();
		}
	}

	@Test
	void redisDropsABatchPublishedTwice() {
		String device = this.alice.createDevice("Lamp", "LIGHT", "{}");
		DeviceStateEvent created = this.recorder.await((r) -> r.event().deviceId().equals(device), 2).get(0).event();

		long fresh = this.publisher.publish(List.of(created));

		assertThat(fresh).isZero();
		assertThat(this.recorder.ofDevice(device)).hasSize(2);
	}

	private void awaitAllPublished() {
		awaitAllPublished(this.relay);
	}

	private void awaitAllPublished(OutboxRelay leader) {
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			Long unsequenced = this.jdbc.queryForObject("SELECT count(*) FROM publisher.events WHERE sequence IS NULL",
					Long.class);
			RelayStatus status = leader.status();
			return unsequenced == 0 && status.publishedSequence() == status.lastSequence();
		});
	}

	private String fence() {
		try (var client = io.lettuce.core.RedisClient.create(redis.url()); var connection = client.connect()) {
			String prefix = this.channels.namespace().isEmpty() ? "" : this.channels.namespace() + ":";
			return connection.sync().get(prefix + "virtdevice:publisher:published-sequence");
		}
	}

	private List<DeviceStateEvent> replay(List<String> devices) {
		return replayAll().stream().filter((e) -> devices.contains(e.deviceId())).toList();
	}

	private List<DeviceStateEvent> replayAll() {
		ApiClient service = ApiClient.withToken(this.port,
				TestTokens.forUser("service-test", "system").scopes("events:replay").sign());
		List<DeviceStateEvent> events = new ArrayList<>();
		long after = 0;
		while (true) {
			JsonNode page = service.get("/api/events?afterSequence=" + after + "&limit=1000").json();
			for (JsonNode item : page.path("items")) {
				events.add(this.codec.decode(item.toString()));
			}
			if (page.path("items").size() < 1000) {
				return events;
			}
			after = page.path("nextSequence").asLong();
		}
	}

	private static void assertContiguous(List<DeviceStateEvent> events) {
		Set<UUID> ids = new HashSet<>();
		for (int i = 0; i < events.size(); i++) {
			assertThat(ids.add(events.get(i).eventId())).isTrue();
			if (i > 0) {
				assertThat(events.get(i).sequence()).isEqualTo(events.get(i - 1).sequence() + 1);
			}
		}
	}

}
