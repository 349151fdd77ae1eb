package com.virtdevice.publisher.property;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventType;
import com.virtdevice.publisher.ApiClient;
import com.virtdevice.publisher.ApiClient.Reply;
import com.virtdevice.publisher.EventRecorder;
import com.virtdevice.publisher.EventRecorder.Received;
import com.virtdevice.publisher.PublisherIntegrationTest;
import com.virtdevice.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

@PublisherIntegrationTest
class PropertyChangeIT {

	@LocalServerPort
	private int port;

	@Autowired
	private Channels channels;

	private EventRecorder recorder;

	private ApiClient alice;

	private final String aliceId = "alice-" + UUID.randomUUID();

	private String device;

	@BeforeEach
	void setUp() {
		this.recorder = new EventRecorder(TestInfrastructure.redisUrl(), this.channels.namespace());
		this.alice = ApiClient.user(this.port, this.aliceId, "acme");
		this.device = this.alice.createDevice("Kitchen light", "LIGHT",
				"{\"powerState\":\"OFF\",\"brightness\":\"40\"}");
		this.recorder.await(this::ofDevice, 2);
	}

	@AfterEach
	void tearDown() {
		this.recorder.close();
	}

	@Test
	void aPutPublishesExactlyTheChangeOnTheDeviceAndUserChannels() {
		Reply reply = this.alice.put(path("powerState"), "{\"value\":\"ON\",\"source\":\"web\"}");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().path("deviceId").asString()).isEqualTo(this.device);
		assertThat(reply.json().path("oldValue").asString()).isEqualTo("OFF");
		assertThat(reply.json().path("newValue").asString()).isEqualTo("ON");
		assertThat(reply.json().path("changed").asBoolean()).isTrue();
		UUID eventId = UUID.fromString(reply.json().path("eventId").asString());
		List<Received> published = this.recorder.await(this::changeOfDevice, 2);
		assertThat(published).extracting(Received::channel)
			.containsExactlyInAnyOrder(this.channels.deviceState(this.device), this.channels.userEvents(this.aliceId));
		DeviceStateEvent event = published.get(0).event();
		assertThat(published.get(1).event()).isEqualTo(event);
		assertThat(event.eventId()).isEqualTo(eventId);
		assertThat(event.type()).isEqualTo(EventType.PROPERTY_CHANGED);
		assertThat(event.userId()).isEqualTo(this.aliceId);
		assertThat(event.tenantId()).isEqualTo("acme");
		assertThat(event.property()).isEqualTo("powerState");
		assertThat(event.oldValue()).isEqualTo("OFF");
		assertThat(event.newValue()).isEqualTo("ON");
		assertThat(event.source()).isEqualTo(ChangeSource.WEB);
		assertThat(event.sequence()).isPositive();
	}

	@Test
	void settingTheValueAPropertyAlreadyHasChangesNothingAndPublishesNothing() throws Exception {
		Reply reply = this.alice.put(path("powerState"), "{\"value\":\"OFF\"}");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().path("changed").asBoolean()).isFalse();
		assertThat(reply.json().path("eventId").isNull()).isTrue();
		this.alice.put(path("brightness"), "{\"value\":\"41\"}");
		List<Received> changes = this.recorder.await(this::changeOfDevice, 2);
		assertThat(changes).allMatch((r) -> r.event().property().equals("brightness"));
	}

	@Test
	void aNewPropertyHasANullOldValueAndSourceDefaultsToApi() {
		Reply reply = this.alice.put(path("color"), "{\"value\":\"{\\\"hue\\\":120}\"}");

		assertThat(reply.json().path("oldValue").isNull()).isTrue();
		DeviceStateEvent event = this.recorder.await(this::changeOfDevice, 1).get(0).event();
		assertThat(event.oldValue()).isNull();
		assertThat(event.newValue()).isEqualTo("{\"hue\":120}");
		assertThat(event.source()).isEqualTo(ChangeSource.API);
	}

	@Test
	void aPatchPublishesOneEventPerChangedProperty() {
		Reply reply = this.alice.patch("/api/devices/" + this.device + "/properties",
				"{\"values\":{\"powerState\":\"ON\",\"brightness\":\"40\",\"color\":\"red\"},\"source\":\"alexa\"}",
				Map.of());

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().path("results").findValues("changed")).extracting((n) -> n.asBoolean())
			.containsExactly(true, false, true);
		List<Received> events = this.recorder.await(this::changeOfDevice, 4);
		assertThat(events.stream().map((r) -> r.event().property()).distinct()).containsExactlyInAnyOrder("powerState",
				"color");
		assertThat(events).allMatch((r) -> r.event().source() == ChangeSource.ALEXA);
	}

	@Test
	void aValueIsMeasuredInCharactersAsTheDatabaseMeasuresIt() {
		String emoji = "😀".repeat(1024);

		Reply reply = this.alice.put(path("label"), "{\"value\":\"" + emoji + "\"}");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(this.recorder.await(this::changeOfDevice, 2).get(0).event().newValue()).isEqualTo(emoji);
		assertThat(this.alice.put(path("label"), "{\"value\":\"" + emoji + "😀\"}").status()).isEqualTo(400);
	}

	@Test
	void aChangeAskingForAnAnswerTheApiCannotGiveIs406AndChangesNothing() throws Exception {
		Reply reply = this.alice.send("PUT", path("powerState"), "{\"value\":\"ON\"}", Map.of("Accept", "image/png"));

		assertThat(reply.status()).isEqualTo(406);
		assertThat(reply.isProblem()).isTrue();
		assertThat(currentValue("powerState")).isEqualTo("OFF");
		assertNoChangePublished();
	}

	@Test
	void aPatchWithOneBadValueChangesNothing() throws Exception {
		Reply reply = this.alice.patch("/api/devices/" + this.device + "/properties",
				"{\"values\":{\"powerState\":\"ON\",\"brightness\":\"" + "9".repeat(1025) + "\"}}", Map.of());

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.isProblem()).isTrue();
		assertThat(currentValue("powerState")).isEqualTo("OFF");
		assertNoChangePublished();
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyReturnsTheFirstResponseAndPublishesOnce() throws Exception {
		String body = "{\"values\":{\"powerState\":\"ON\"}}";
		Map<String, String> key = Map.of("Idempotency-Key", "retry-" + UUID.randomUUID());

		Reply first = this.alice.patch("/api/devices/" + this.device + "/properties", body, key);
		this.alice.put(path("powerState"), "{\"value\":\"OFF\"}");
		Reply retry = this.alice.patch("/api/devices/" + this.device + "/properties", body, key);

		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.body()).isEqualTo(first.body());
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(currentValue("powerState")).isEqualTo("OFF");
		this.recorder.await(this::changeOfDevice, 4);
		this.recorder.assertStaysAt(this::changeOfDevice, 4);
		Reply reused = this.alice.patch("/api/devices/" + this.device + "/properties",
				"{\"values\":{\"powerState\":\"BLINK\"}}", key);
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.isProblem()).isTrue();
	}

	static Stream<Arguments> badRequests() {
		String put = "PUT";
		String patch = "PATCH";
		return Stream.of(arguments(put, "1power", "{\"value\":\"ON\"}", 400),
				arguments(put, "power%20state", "{\"value\":\"ON\"}", 400),
				arguments(put, "p".repeat(65), "{\"value\":\"ON\"}", 400),
				arguments(put, "powerState", "{\"value\":\"" + "x".repeat(1025) + "\"}", 400),
				arguments(put, "powerState", "{}", 400), arguments(put, "powerState", "{\"value\":null}", 400),
				arguments(put, "powerState", "{\"value\":{\"on\":true}}", 400),
				arguments(put, "powerState", "{\"value\":[\"ON\"]}", 400),
				arguments(put, "powerState", "{\"value\":42}", 400),
				arguments(put, "powerState", "{\"value\":4.2}", 400),
				arguments(put, "powerState", "{\"value\":true}", 400),
				arguments(put, "powerState", "{\"value\":\"ON\",\"source\":1}", 400),
				arguments(put, "powerState", "{\"value\":\"ON\",\"source\":\"voice\"}", 400),
				arguments(put, "powerState", "{\"value\":\"ON\",\"source\":\"WEB\"}", 400),
				arguments(put, "powerState", "{\"value\":", 400), arguments(put, "powerState", "not json", 400),
				arguments(put, "powerState", "{\"value\":\"" + "x".repeat(70_000) + "\"}", 413),
				arguments(patch, "", "{\"values\":{}}", 400), arguments(patch, "", "{}", 400),
				arguments(patch, "", "{\"values\":{\"ok\":\"1\",\"1bad\":\"2\"}}", 400),
				arguments(patch, "", "{\"values\":{\"ok\":null}}", 400),
				arguments(patch, "", "{\"values\":{\"ok\":42}}", 400),
				arguments(patch, "", "{\"values\":{\"ok\":\"1\",\"powerState\":false}}", 400),
				arguments(patch, "", "{\"values\":{\"ok\":[\"1\"]}}", 400),
				arguments(patch, "", "{\"values\":\"ON\"}", 400),
				arguments(patch, "", "{\"values\":{\"ok\":\"1\"},\"source\":\"sql\"}", 400));
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("badRequests")
	void badInputGetsAProblemAndChangesNothing(String method, String property, String body, int status)
			throws Exception {
		String path = "/api/devices/" + this.device + "/properties" + (property.isEmpty() ? "" : "/" + property);

		Reply reply = this.alice.send(method, path, body, Map.of());

		assertThat(reply.status()).isEqualTo(status);
		assertThat(reply.isProblem()).isTrue();
		assertThat(currentValue("powerState")).isEqualTo("OFF");
		assertNoChangePublished();
	}

	private String currentValue(String property) {
		return this.alice.get("/api/devices/" + this.device).json().path("properties").path(property).asString();
	}

	private void assertNoChangePublished() throws InterruptedException {
		this.alice.put(path("marker"), "{\"value\":\"m\"}");
		this.recorder.await(this::changeOfDevice, 2);
		assertThat(this.recorder.ofDevice(this.device).stream().filter(this::changeOfDevice))
			.allMatch((r) -> r.event().property().equals("marker"));
	}

	private String path(String property) {
		return "/api/devices/" + this.device + "/properties/" + property;
	}

	private boolean ofDevice(Received received) {
		return received.event().deviceId().equals(this.device);
	}

	private boolean changeOfDevice(Received received) {
		return ofDevice(received) && received.event().type() == EventType.PROPERTY_CHANGED;
	}

}
