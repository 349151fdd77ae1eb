package com.virtdevice.ifttt;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.testsupport.CountedStatements;
import com.virtdevice.testsupport.FakePublisher;
import com.virtdevice.testsupport.RealInfrastructure;
import com.virtdevice.testsupport.RecordedRequest;
import com.virtdevice.testsupport.RecordingHttpServer;
import com.virtdevice.testsupport.RecordingHttpServer.Response;
import com.virtdevice.testsupport.TestInfrastructure;
import com.virtdevice.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * What the service's Spring tests share — one application context against real Redis and
 * PostgreSQL, a {@link FakePublisher} feeding it events, and a
 * {@link RecordingHttpServer} standing in for IFTTT's Realtime API — and the helpers to
 * drive them. Every test works with users of its own, so tests never see each other's
 * events.
 */
@SpringBootTest(classes = IftttSubscriberApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "virtdevice.ifttt.service-key=" + IftttServiceTestBase.SERVICE_KEY,
				"virtdevice.ifttt.realtime.initial-backoff=50ms", "virtdevice.ifttt.realtime.max-backoff=200ms",
				"virtdevice.ifttt.realtime.max-attempts=3", "virtdevice.ifttt.history.start-from-oldest=true",
				"virtdevice.ifttt.test-setup.enabled=true", "virtdevice.ifttt.test-setup.user-id=ifttt-test-user",
				"virtdevice.ifttt.test-setup.tenant-id=tenant-1",
				"virtdevice.ifttt.test-setup.device-id=ifttt-test-device",
				"virtdevice.ifttt.test-setup.property=powerState", "virtdevice.security.jwt.dev-sign-in.enabled=true" })
@Import(CountedStatements.class)
@RealInfrastructure
abstract class IftttServiceTestBase {

	static final String SERVICE_KEY = "test-ifttt-service-key";

	static final String TENANT = "tenant-1";

	static final String REALTIME_PATH = "/v1/notifications";

	static final String TRIGGER_PATH = "/ifttt/v1/triggers/device_property_changed";

	static final JsonMapper JSON = JsonMapper.shared();

	private static final String NAMESPACE = TestInfrastructure.newChannelNamespace();

	static final FakePublisher publisher = FakePublisher.start(TestInfrastructure.redisUrl(), NAMESPACE);

	static final RecordingHttpServer ifttt = RecordingHttpServer.start();

	/**
	 * Statuses the fake Realtime API answers requests naming a given id with, in turn.
	 */
	private static final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();

	static {
		ifttt.respond(REALTIME_PATH, IftttServiceTestBase::answerRealtime);
	}

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("virtdevice.redis.channel-namespace", () -> NAMESPACE);
		registry.add("virtdevice.publisher.url", publisher::baseUrl);
		registry.add("virtdevice.ifttt.realtime-url", () -> ifttt.url(REALTIME_PATH));
	}

	/** A user id no other test uses. */
	static String newUser() {
		return "user-" + UUID.randomUUID();
	}

	/** Registers a device of the user with the publisher. */
	static String newDevice(String userId, String name) {
		String deviceId = "dev-" + UUID.randomUUID();
		publisher.device(deviceId, userId, TENANT, name, "LIGHT", Map.of("powerState", "OFF"));
		return deviceId;
	}

	static String tokenFor(String userId) {
		return TestTokens.forUser(userId, TENANT).scopes("devices:read", "devices:write", "events:read").sign();
	}

	/** Makes IFTTT answer requests that name {@code id} with these statuses, then 200. */
	static void scriptRealtime(String id, Integer... statuses) {
		scripted.put(id, new ConcurrentLinkedDeque<>(List.of(statuses)));
	}

	/** Publishes a change and waits until it is in the history. */
	DeviceStateEvent changeAndStore(String deviceId, String property, String value, ChangeSource source) {
		DeviceStateEvent event = publisher.change(deviceId, property, value, source);
		awaitStored(event);
		return event;
	}

	void awaitStored(DeviceStateEvent event) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql("SELECT count(*) FROM ifttt.trigger_events WHERE event_id = ?")
				.param(event.eventId())
				.query(Long.class)
				.single() == 1);
	}

	/** The Realtime API requests whose entries include this id. */
	/** The id IFTTT knows a user of the test tenant by ({@code tenant:user}). */
	static String iftttId(String user) {
		return TENANT + ":" + user;
	}

	static List<RecordedRequest> realtimeRequestsNaming(String id) {
		return ifttt.requests(REALTIME_PATH).stream().filter((request) -> entries(request).contains(id)).toList();
	}

	/** The ids (trigger identities and user ids) of a Realtime request's entries. */
	static List<String> entries(RecordedRequest request) {
		List<String> ids = new ArrayList<>();
		for (JsonNode entry : JSON.readTree(request.body()).path("data")) {
			entry.properties().forEach((field) -> ids.add(field.getValue().asString()));
		}
		return ids;
	}

	HttpResponse<String> poll(String token, String body) {
		return send(HttpRequest.newBuilder(uri(TRIGGER_PATH))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private static Response answerRealtime(RecordedRequest request) {
		for (String id : entries(request)) {
			Deque<Integer> statuses = scripted.get(id);
			Integer status = (statuses != null) ? statuses.pollFirst() : null;
			if (status != null) {
				return Response.json(status, "{\"errors\":[{\"message\":\"scripted " + status + "\"}]}");
			}
		}
		return Response.json(200, "{}");
	}

}
