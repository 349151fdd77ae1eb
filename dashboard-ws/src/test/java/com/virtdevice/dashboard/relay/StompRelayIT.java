package com.virtdevice.dashboard.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.virtdevice.dashboard.RunningDashboard;
import com.virtdevice.dashboard.StompTestClient;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.testsupport.TestInfrastructure;
import com.virtdevice.testsupport.TestTokens;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay against the running service, a real Redis and the fake publisher: who may
 * connect, what they may subscribe to, that each user gets exactly their own events, and
 * that many browsers share the instance's one Redis subscription.
 */
class StompRelayIT extends RunningDashboard {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final EventCodec codec = new EventCodec();

	private static final RedisClient redisAdmin = RedisClient.create(TestInfrastructure.redisUrl());

	@LocalServerPort
	private int port;

	@Autowired
	private DeviceUpdateSubscriptions subscriptions;

	@ParameterizedTest
	@ValueSource(strings = { "GET", "POST" })
	void aRequestToTheEndpointThatIsNoHandshakeIsAnsweredWithProblemJson(String method) throws Exception {
		java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/ws"))
				.method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(method.equals("GET") ? 400 : 405);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":" + response.statusCode());
	}

	@Test
	void rejectsStompConnectWithoutToken() {
		StompTestClient client = StompTestClient.connect(this.port, null);

		assertRefused(client, "A token is required");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badTokens")
	void rejectsStompConnectWithBadToken(String kind, String token, String reason) {
		StompTestClient client = StompTestClient.connect(this.port, token);

		assertRefused(client, reason);
	}

	static Stream<Arguments> badTokens() {
		return Stream.of(
				Arguments.of("expired",
						TestTokens.forUser("mallory", "t")
							.scopes("events:read")
							.claim("iat", Date.from(Instant.now().minus(Duration.ofHours(2))))
							.expiresAt(Instant.now().minus(Duration.ofHours(1)))
							.sign(),
						"The token has expired"),
				Arguments.of("signed with another key",
						TestTokens.forUser("mallory", "t")
							.scopes("events:read")
							.signedWith("another-secret-that-is-32-bytes-long!!")
							.sign(),
						"The token is not valid"),
				Arguments.of("alg none", TestTokens.forUser("alice", "t").scopes("events:read").unsigned(),
						"The token is not valid"),
				Arguments.of("without tenant",
						TestTokens.forUser("alice", "t").scopes("events:read").claim("tenant", null).sign(),
						"The token is not valid"),
				Arguments.of("not a JWT", "not-a-jwt", "The token is not valid"));
	}

	@Test
	void acceptsTheTokenAsAccessTokenParameterOfTheHandshake() {
		String user = "param-user";
		String deviceId = device("param-lamp", user, "Lamp", Map.of("powerState", "OFF"));
		StompTestClient client = StompTestClient
			.connect("ws://127.0.0.1:" + this.port + "/ws?access_token=" + userToken(user), new StompHeaders())
			.subscribe(null);
		awaitSubscriptions(user, 1);

		DeviceStateEvent event = devicesApi.change(deviceId, "powerState", "ON", ChangeSource.WEB);

		await().atMost(WAIT).until(() -> client.sequences().contains(event.sequence()));
		client.close();
	}

	@Test
	void deliversEachUserExactlyTheirOwnEventsAsTheEventJson() {
		String alicesLamp = device("alice-lamp", "alice", "Alice's lamp", Map.of("powerState", "OFF"));
		String bobsLamp = device("bob-lamp", "bob", "Bob's lamp", Map.of("powerState", "OFF"));
		StompTestClient alice1 = StompTestClient.connect(this.port, userToken("alice")).subscribe(null);
		StompTestClient alice2 = StompTestClient.connect(this.port, userToken("alice")).subscribe(null);
		StompTestClient bob = StompTestClient.connect(this.port, userToken("bob")).subscribe(null);
		awaitSubscriptions("alice", 2);
		awaitSubscriptions("bob", 1);

		List<DeviceStateEvent> alices = new ArrayList<>();
		List<DeviceStateEvent> bobs = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			alices.add(devicesApi.change(alicesLamp, "brightness", Integer.toString(i), ChangeSource.ALEXA));
			bobs.add(devicesApi.change(bobsLamp, "brightness", Integer.toString(i), ChangeSource.IFTTT));
		}

		List<String> alicesJson = alices.stream().map(codec::encodeToString).toList();
		await().atMost(WAIT).until(() -> alice1.bodies().size() >= 10 && alice2.bodies().size() >= 10);
		await().atMost(WAIT).until(() -> bob.bodies().size() >= 10);
		assertThat(alice1.bodies()).containsExactlyElementsOf(alicesJson);
		assertThat(alice2.bodies()).containsExactlyElementsOf(alicesJson);
		assertThat(bob.bodies()).containsExactlyElementsOf(bobs.stream().map(codec::encodeToString).toList());
		Stream.of(alice1, alice2, bob).forEach(StompTestClient::close);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/user/alice/queue/device-updates", "/topic/device-updates", "/topic/**",
			"/queue/device-updates", "/queue/device-updates-user123", "/no-broker-destinations/x", "/user/queue/other",
			"/app/device-updates", "/user/queue/device-updates/../x" })
	void refusesSubscriptionsThatCouldLeakOtherUsersData(String destination) {
		StompTestClient client = StompTestClient.connect(this.port, userToken("mallory"));
		assertThat(client.isConnected()).isTrue();

		client.subscribeTo(destination);

		assertRefused(client, "Cannot subscribe to '" + destination + "'");
	}

	@Test
	void refusesSubscriptionWithoutEventsReadScope() {
		String token = TestTokens.forUser("reader", "t").scopes("devices:read").sign();
		StompTestClient client = StompTestClient.connect(this.port, token);

		client.subscribe(null);

		assertRefused(client, "The token does not grant scope events:read");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "abc", "12x" })
	void refusesMalformedLastSequence(String lastSequence) {
		StompTestClient client = StompTestClient.connect(this.port, userToken("mallory"));

		client.subscribe("/user/queue/device-updates", lastSequence);

		assertRefused(client, "last-sequence must be a sequence number");
	}

	@Test
	void refusesSendFrames() {
		StompTestClient client = StompTestClient.connect(this.port, userToken("mallory"));

		client.send("/user/bob/queue/device-updates", "{\"type\":\"property_changed\"}");

		assertRefused(client, "SEND is not supported");
	}

	@Test
	void oneRedisSubscriptionServesManySessions() {
		String user = "many";
		String deviceId = device("many-lamp", user, "Lamp", Map.of("powerState", "OFF"));
		long patternsBefore = patternSubscriptions();
		long subscribedConnectionsBefore = connectionsWithPatternSubscriptions();
		assertThat(patternsBefore).isGreaterThanOrEqualTo(1);

		List<StompTestClient> browsers = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			browsers.add(StompTestClient.connect(this.port, userToken(user)).subscribe(null));
		}
		awaitSubscriptions(user, 20);
		DeviceStateEvent event = devicesApi.change(deviceId, "powerState", "ON", ChangeSource.API);

		await().atMost(WAIT).until(() -> browsers.stream().allMatch((b) -> b.sequences().contains(event.sequence())));
		assertThat(patternSubscriptions()).isEqualTo(patternsBefore);
		assertThat(connectionsWithPatternSubscriptions()).isEqualTo(subscribedConnectionsBefore);
		browsers.forEach(StompTestClient::close);
		await().atMost(WAIT).until(() -> this.subscriptions.of(user).isEmpty());
	}

	@Test
	void acceptsWebSocketsFromThePagesOwnOriginOnly() {
		assertThat(RawWebSocket.handshakeStatus(this.port, "http://127.0.0.1:" + this.port)).contains(" 101 ");
		assertThat(RawWebSocket.handshakeStatus(this.port, "https://evil.example")).contains(" 403");
	}

	@Test
	void closesConnectionsThatSendFramesOverTheInboundLimit() {
		try (RawWebSocket ws = RawWebSocket.open(this.port, 64 * 1024)) {
			ws.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nx-padding:" + "x".repeat(20 * 1024) + "\n\n\0");

			RawWebSocket.Frame answer = ws.read();
			assertThat(answer.opcode()).isEqualTo(RawWebSocket.CLOSE);
			assertThat(answer.closeCode()).isEqualTo(1009);
		}
	}

	private void assertRefused(StompTestClient client, String reason) {
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(client.errors()).singleElement().asString().startsWith(reason);
			assertThat(client.wasClosedByServer()).as("closed by the server").isTrue();
		});
	}

	private void awaitSubscriptions(String user, int count) {
		await().atMost(WAIT).until(() -> this.subscriptions.of(user).size() == count);
	}

	/** {@code PUBSUB NUMPAT}: pattern subscriptions on the whole Redis server. */
	private static long patternSubscriptions() {
		try (var connection = redisAdmin.connect()) {
			return connection.sync().pubsubNumpat();
		}
	}

	/**
	 * Redis connections holding at least one pattern subscription ({@code CLIENT LIST}).
	 */
	private static long connectionsWithPatternSubscriptions() {
		try (var connection = redisAdmin.connect()) {
			return connection.sync().clientList().lines().filter((client) -> !client.contains(" psub=0 ")).count();
		}
	}

}
