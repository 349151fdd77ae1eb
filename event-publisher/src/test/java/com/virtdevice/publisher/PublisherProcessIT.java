package com.virtdevice.publisher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.virtdevice.events.BusRole;
import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.events.EventType;
import com.virtdevice.publisher.ApiClient.Reply;
import com.virtdevice.publisher.EventRecorder.Received;
import com.virtdevice.testsupport.ServiceProcess;
import com.virtdevice.testsupport.TestDatabase;
import com.virtdevice.testsupport.TestInfrastructure;
import com.virtdevice.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged publisher, run as {@code java -jar} like in production: it starts healthy,
 * and when it is killed with SIGKILL in the middle of a stream of changes and started
 * again, every committed change is published, none twice, and the sequence has no holes.
 */
class PublisherProcessIT {

	private final EventCodec codec = new EventCodec();

	private final String namespace = TestInfrastructure.newChannelNamespace();

	private ServiceProcess publisher;

	private EventRecorder recorder;

	@BeforeEach
	void start() {
		TestDatabase database = TestInfrastructure.newDatabase();
		this.publisher = ServiceProcess.jar(Path.of(System.getProperty("virtdevice.test.publisher-jar")))
			.name("event-publisher")
			.property("spring.datasource.url", database.jdbcUrl())
			.property("spring.datasource.username", database.username())
			.property("spring.datasource.password", database.password())
			.property("spring.data.redis.url",
					TestInfrastructure.redis().urlFor(BusRole.PUBLISHER, Channels.namespaced(this.namespace)))
			.property("virtdevice.redis.channel-namespace", this.namespace)
			.property("virtdevice.security.jwt.secret", TestTokens.SECRET)
			.start()
			.awaitHealthy(Duration.ofSeconds(90));
		this.recorder = new EventRecorder(TestInfrastructure.redisUrl(), this.namespace);
	}

	@AfterEach
	void stop() {
		this.recorder.close();
		this.publisher.stop();
	}

	@Test
	void nothingCommittedIsLostOrPublishedTwiceWhenThePublisherIsKilledMidStream() throws Exception {
		ApiClient alice = ApiClient.user(this.publisher.port(), "alice", "acme");
		String device = alice.createDevice("Lamp", "LIGHT", "{}");
		Set<UUID> committed = ConcurrentHashMap.newKeySet();
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService writer = Executors.newSingleThreadExecutor();
		Future<Integer> attempts = writer.submit(() -> write(alice, device, committed, writing));

		await().atMost(Duration.ofSeconds(60)).until(() -> committed.size() >= 100);
		this.publisher.kill();
		int committedBeforeKill = committed.size();
		this.publisher.start().awaitHealthy(Duration.ofSeconds(90));
		await().atMost(Duration.ofSeconds(60)).until(() -> committed.size() >= committedBeforeKill + 50);
		writing.set(false);
		int requests = attempts.get(60, TimeUnit.SECONDS);
		writer.shutdown();

		List<DeviceStateEvent> stored = awaitAllSequenced(device, committed.size());
		assertContiguous(stored);
		Set<UUID> storedIds = new HashSet<>();
		stored.forEach((event) -> storedIds.add(event.eventId()));
		assertThat(storedIds).containsAll(committed);
		List<Received> live = this.recorder.await((r) -> r.channel().endsWith(":device:" + device + ":state"),
				committed.size());
		assertThat(live).extracting((r) -> r.event().eventId()).doesNotHaveDuplicates().containsAll(committed);
		System.out.printf("kill -9 drill: %d requests, %d committed (%d before the kill), %d published once, "
				+ "0 lost, 0 duplicated%n", requests, committed.size(), committedBeforeKill, live.size());
	}

	private int write(ApiClient alice, String device, Set<UUID> committed, AtomicBoolean writing) {
		int requests = 0;
		for (int i = 0; writing.get(); i++) {
			requests++;
			try {
				Reply reply = alice.put("/api/devices/" + device + "/properties/level", "{\"value\":\"" + i + "\"}");
				if (reply.status() == 200) {
					committed.add(UUID.fromString(reply.json().path("eventId").asString()));
				}
			}
			catch (RuntimeException ex) {
				pause();
			}
		}
		return requests;
	}

	private List<DeviceStateEvent> awaitAllSequenced(String device, int changes) {
		ApiClient service = ApiClient.withToken(this.publisher.port(),
				TestTokens.forUser("service-test", "system").scopes("events:replay").sign());
		List<DeviceStateEvent> events = new ArrayList<>();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			events.clear();
			JsonNode page = service.get("/api/events?afterSequence=0&limit=1000").json();
			for (JsonNode item : page.path("items")) {
				events.add(this.codec.decode(item.toString()));
			}
			assertThat(events.stream()
				.filter((e) -> e.deviceId().equals(device) && e.type() == EventType.PROPERTY_CHANGED))
				.hasSizeGreaterThanOrEqualTo(changes);
		});
		return events;
	}

	private static void assertContiguous(List<DeviceStateEvent> events) {
		for (int i = 0; i < events.size(); i++) {
			assertThat(events.get(i).sequence()).isEqualTo(i + 1L);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
