package com.virtdevice.ifttt;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.testsupport.RecordedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Realtime API notifications (docs/contract.md §7) as IFTTT receives them. */
class RealtimeNotificationIT extends IftttServiceTestBase {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	MeterRegistry meters;

	@Test
	void oneChangeSendsOneNotificationByUserIdWithIftttsHeaders() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");

		publisher.change(lamp, "powerState", "ON", ChangeSource.WEB);

		RecordedRequest request = awaitOneRequestNaming(iftttId(user));
		assertThat(JSON.readTree(request.body()).path("data").toString())
			.isEqualTo("[{\"user_id\":\"" + iftttId(user) + "\"}]");
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.header("IFTTT-Service-Key")).isEqualTo(SERVICE_KEY);
		assertThat(request.header("Accept")).isEqualTo("application/json");
		assertThat(request.header("Accept-Charset")).isEqualTo("utf-8");
		assertThat(request.header("Accept-Encoding")).isEqualTo("gzip, deflate");
		assertThat(request.header("Content-Type")).startsWith("application/json");
		assertThat(UUID.fromString(request.header("X-Request-ID"))).isNotNull();
	}

	@Test
	void namesTheMatchingTriggerIdentityOnceAPollHasRegisteredIt() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");
		String plug = newDevice(user, "Plug");
		String identity = "lamp-power-" + user;
		assertThat(poll(tokenFor(user),
				TriggerEndpointIT.body(identity, "{\"device_id\":\"" + lamp + "\",\"property\":\"powerState\"}", null))
			.statusCode()).isEqualTo(200);

		publisher.change(lamp, "powerState", "ON", ChangeSource.WEB);
		RecordedRequest byIdentity = awaitOneRequestNaming(identity);
		publisher.change(plug, "powerState", "ON", ChangeSource.WEB);
		RecordedRequest byUser = awaitOneRequestNaming(iftttId(user));

		assertThat(JSON.readTree(byIdentity.body()).path("data").toString())
			.isEqualTo("[{\"trigger_identity\":\"" + identity + "\"}]");
		assertThat(entries(byUser)).containsExactly(iftttId(user));
	}

	@Test
	void aForgottenTriggerIdentityIsNoLongerNotified() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");
		String identity = "lamp-" + user;
		poll(tokenFor(user), TriggerEndpointIT.body(identity, "{\"device_id\":\"" + lamp + "\"}", null));
		publisher.change(lamp, "powerState", "ON", ChangeSource.WEB);
		awaitOneRequestNaming(identity);

		assertThat(
				send(HttpRequest.newBuilder(uri(TRIGGER_PATH + "/trigger_identity/" + identity)).DELETE()).statusCode())
			.as("without the service key")
			.isEqualTo(401);
		assertThat(send(HttpRequest.newBuilder(uri(TRIGGER_PATH + "/trigger_identity/" + identity))
			.header("IFTTT-Service-Key", SERVICE_KEY)
			.DELETE()).statusCode()).isEqualTo(200);
		publisher.change(lamp, "powerState", "OFF", ChangeSource.WEB);

		awaitOneRequestNaming(iftttId(user));
		assertThat(realtimeRequestsNaming(identity)).hasSize(1);
	}

	@Test
	void aBurstOf2500ChangesGoesOutInBatchesOfAtMost1000WithoutLosingAnId() {
		String userPrefix = "burst-" + UUID.randomUUID() + "-";
		String batchPrefix = iftttId(userPrefix);
		List<String> users = IntStream.range(0, 2500).mapToObj((i) -> userPrefix + i).toList();
		List<String> devices = users.stream().map((user) -> newDevice(user, "Burst device")).toList();

		devices.forEach((device) -> publisher.change(device, "powerState", "ON", ChangeSource.API));

		await().atMost(Duration.ofSeconds(60)).until(() -> notifiedIds(batchPrefix).size() == 2500);
		List<RecordedRequest> batches = ifttt.requests(REALTIME_PATH)
			.stream()
			.filter((request) -> entries(request).stream().anyMatch((id) -> id.startsWith(batchPrefix)))
			.toList();
		assertThat(batches).allSatisfy((batch) -> assertThat(entries(batch)).hasSizeLessThanOrEqualTo(1000));
		assertThat(batches).hasSizeGreaterThanOrEqualTo(3);
		assertThat(notifiedIds(batchPrefix))
			.containsExactlyInAnyOrderElementsOf(users.stream().map(RealtimeNotificationIT::iftttId).toList());
	}

	@Test
	void serverErrorsAreRetriedWithTheSameRequestIdUntilAccepted() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");
		scriptRealtime(iftttId(user), 503, 500);
		double failuresBefore = counter("virtdevice.ifttt.realtime.failures", "reason", "server_error");

		publisher.change(lamp, "powerState", "ON", ChangeSource.WEB);

		await().atMost(WAIT).until(() -> realtimeRequestsNaming(iftttId(user)).size() == 3);
		assertThat(realtimeRequestsNaming(iftttId(user))).extracting((request) -> request.header("X-Request-ID"))
			.containsOnly(realtimeRequestsNaming(iftttId(user)).get(0).header("X-Request-ID"));
		assertThat(counter("virtdevice.ifttt.realtime.failures", "reason", "server_error"))
			.isEqualTo(failuresBefore + 2);
		assertStaysAt(iftttId(user), 3);
	}

	@Test
	void clientErrorsAreCountedAndNotRetried() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");
		scriptRealtime(iftttId(user), 400);
		double rejectedBefore = counter("virtdevice.ifttt.realtime.batches", "outcome", "rejected");

		publisher.change(lamp, "powerState", "ON", ChangeSource.WEB);

		awaitOneRequestNaming(iftttId(user));
		assertStaysAt(iftttId(user), 1);
		assertThat(counter("virtdevice.ifttt.realtime.batches", "outcome", "rejected")).isEqualTo(rejectedBefore + 1);
	}

	@Test
	void changesMadeByIftttNotifyByDefault() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");
		double notifiedBefore = counter("virtdevice.ifttt.realtime.notified", "kind", "user_id");

		DeviceStateEvent change = publisher.change(lamp, "powerState", "ON", ChangeSource.IFTTT);

		assertThat(change.source()).isEqualTo(ChangeSource.IFTTT);
		awaitOneRequestNaming(iftttId(user));
		await().atMost(WAIT)
			.until(() -> counter("virtdevice.ifttt.realtime.notified", "kind", "user_id") > notifiedBefore);
	}

	/** The id IFTTT knows a user of the test tenant by: tenant and user. */
	private static RecordedRequest awaitOneRequestNaming(String id) {
		await().atMost(WAIT).until(() -> !realtimeRequestsNaming(id).isEmpty());
		assertStaysAt(id, 1);
		return realtimeRequestsNaming(id).get(0);
	}

	/** Checks that no further request naming the id arrives for a while. */
	private static void assertStaysAt(String id, int count) {
		await().during(Duration.ofMillis(700))
			.atMost(Duration.ofSeconds(5))
			.until(() -> realtimeRequestsNaming(id).size() == count);
	}

	private static Set<String> notifiedIds(String prefix) {
		Set<String> ids = new HashSet<>();
		ifttt.requests(REALTIME_PATH)
			.forEach((request) -> entries(request).stream().filter((id) -> id.startsWith(prefix)).forEach(ids::add));
		return ids;
	}

	private double counter(String name, String tag, String value) {
		var counter = this.meters.find(name).tag(tag, value).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
