package com.virtdevice.dashboard.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.virtdevice.dashboard.RunningDashboard;
import com.virtdevice.dashboard.StompTestClient;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.support.events.EventStream;
import com.virtdevice.testsupport.RecordingHttpServer.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Resuming with {@code last-sequence}: the missed events of the user first (from the
 * replay API, with the user's own token), then live ones — in order, none twice, none
 * missing — while events of this and other users keep arriving during the replay.
 */
class StompResumeIT extends RunningDashboard {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final EventCodec codec = new EventCodec();

	@LocalServerPort
	private int port;

	@Autowired
	private DeviceUpdateSubscriptions subscriptions;

	@Autowired
	private EventStream stream;

	@Test
	void resumesAfterLastSequenceWithoutGapOrDuplicateWhileEventsKeepFlowing() throws Exception {
		String carol = "carol";
		String carolsLamp = device("carol-lamp", carol, "Carol's lamp", Map.of("brightness", "0"));
		String carolsPlug = device("carol-plug", carol, "Carol's plug", Map.of("powerState", "OFF"));
		String davesLamp = device("dave-lamp", "dave", "Dave's lamp", Map.of("brightness", "0"));
		StompTestClient reference = StompTestClient.connect(this.port, userToken(carol)).subscribe(null);
		awaitSubscribed(carol, 1);
		List<DeviceStateEvent> before = changes(carolsLamp, carolsPlug, davesLamp, 0, 60);
		long lastSeen = before.stream().filter((e) -> e.userId().equals(carol)).toList().get(9).sequence();

		ExecutorService flow = Executors.newSingleThreadExecutor();
		Future<List<DeviceStateEvent>> during = flow.submit(() -> changes(carolsLamp, carolsPlug, davesLamp, 60, 240));
		StompTestClient resumed = StompTestClient.connect(this.port, userToken(carol)).subscribe(lastSeen);
		List<DeviceStateEvent> flowed = during.get(60, TimeUnit.SECONDS);
		flow.shutdown();
		DeviceStateEvent last = devicesApi.change(carolsLamp, "brightness", "done", ChangeSource.API);

		List<String> expected = publisher.events()
			.stream()
			.filter((e) -> e.userId().equals(carol) && e.sequence() > lastSeen)
			.map(codec::encodeToString)
			.toList();
		await().atMost(WAIT).until(() -> resumed.sequences().contains(last.sequence()));
		assertThat(flowed).hasSize(180);
		assertThat(resumed.bodies()).containsExactlyElementsOf(expected);
		await().atMost(WAIT).until(() -> reference.sequences().contains(last.sequence()));
		assertThat(reference.bodies()).endsWith(expected.toArray(String[]::new));
		assertThat(publisher.http().requests("/api/events"))
			.map((request) -> subjectOf(request.header("Authorization")))
			.as("the replay is read with Carol's own token")
			.contains(carol);
		reference.close();
		resumed.close();
	}

	@Test
	void refusesTheResumeWithAnErrorWhenTheReplayApiIsDown() {
		String erin = "erin";
		String erinsLamp = device("erin-lamp", erin, "Erin's lamp", Map.of("powerState", "OFF"));
		DeviceStateEvent change = devicesApi.change(erinsLamp, "powerState", "ON", ChangeSource.WEB);
		// The stream confirms the live event with the replay API first: the failure is
		// for the resume.
		await().atMost(WAIT).until(() -> this.stream.position() >= change.sequence());
		publisher.http().enqueue("/api/events", Response.status(503));

		StompTestClient client = StompTestClient.connect(this.port, userToken(erin)).subscribe(0L);

		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(client.errors()).containsExactly(ResumeReplays.UNAVAILABLE);
			assertThat(client.wasClosedByServer()).isTrue();
		});
		assertThat(client.bodies()).isEmpty();
	}

	/** Alternates changes of Carol's two devices and Dave's lamp. */
	private static List<DeviceStateEvent> changes(String lamp, String plug, String othersLamp, int from, int to) {
		return IntStream.range(from, to).mapToObj((i) -> switch (i % 3) {
			case 0 -> devicesApi.change(lamp, "brightness", Integer.toString(i), ChangeSource.ALEXA);
			case 1 -> devicesApi.change(othersLamp, "brightness", Integer.toString(i), ChangeSource.API);
			default -> devicesApi.change(plug, "powerState", (i % 2 == 0) ? "ON" : "OFF", ChangeSource.WEB);
		}).toList();
	}

	private void awaitSubscribed(String user, int count) {
		await().atMost(WAIT).until(() -> this.subscriptions.of(user).size() == count);
	}

	private static String subjectOf(String authorization) {
		String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
		return JsonMapper.shared()
			.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
			.path("sub")
			.asString();
	}

}
