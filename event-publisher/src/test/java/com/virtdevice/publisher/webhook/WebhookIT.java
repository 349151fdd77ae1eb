package com.virtdevice.publisher.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@PublisherIntegrationTest
class WebhookIT {

	@LocalServerPort
	private int port;

	@Autowired
	private Channels channels;

	private EventRecorder recorder;

	private ApiClient alice;

	private ApiClient anonymous;

	private String device;

	private String hookPath;

	private String secret;

	@BeforeEach
	void setUp() {
		this.recorder = new EventRecorder(TestInfrastructure.redisUrl(), this.channels.namespace());
		this.alice = ApiClient.user(this.port, "alice-" + UUID.randomUUID(), "acme");
		this.anonymous = ApiClient.withToken(this.port, null);
		this.device = this.alice.createDevice("Door", "LOCK", "{\"lockState\":\"UNLOCKED\"}");
		Reply created = this.alice.post("/api/devices/" + this.device + "/webhooks", null);
		assertThat(created.status()).isEqualTo(201);
		this.secret = created.json().path("secret").asString();
		String url = created.json().path("url").asString();
		assertThat(url).endsWith("/hooks/" + created.json().path("id").asString());
		this.hookPath = url.substring(url.indexOf("/hooks/"));
	}

	@AfterEach
	void tearDown() {
		this.recorder.close();
	}

	@Test
	void aSignedCallChangesThePropertyLikeAPutWithSourceApi() {
		Reply reply = call("{\"property\":\"lockState\",\"value\":\"LOCKED\"}", this.secret);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().path("oldValue").asString()).isEqualTo("UNLOCKED");
		DeviceStateEvent event = this.recorder.await(this::changeOfDevice, 2).get(0).event();
		assertThat(event.newValue()).isEqualTo("LOCKED");
		assertThat(event.source()).isEqualTo(ChangeSource.API);
	}

	@Test
	void aBadOrMissingSignatureIs401AndChangesNothing() throws Exception {
		String body = "{\"property\":\"lockState\",\"value\":\"LOCKED\"}";

		assertUnauthorized(call(body, "another-secret"));
		assertUnauthorized(this.anonymous.send("POST", this.hookPath, body, Map.of()));
		assertUnauthorized(this.anonymous.send("POST", this.hookPath, body,
				Map.of("X-VirtDevice-Signature", "sha256=" + "0".repeat(64))));
		assertUnauthorized(this.anonymous.send("POST", this.hookPath, body.replace("LOCKED", "JAMMED"),
				Map.of("X-VirtDevice-Signature", WebhookSignatures.sign(this.secret, body.getBytes()))));
		assertUnauthorized(this.anonymous.send("POST", "/hooks/" + UUID.randomUUID(), body,
				Map.of("X-VirtDevice-Signature", WebhookSignatures.sign(this.secret, body.getBytes()))));
		assertThat(lockState()).isEqualTo("UNLOCKED");
	}

	@Test
	void aReplayedCallHasNoSecondEffect() throws Exception {
		String lock = "{\"property\":\"lockState\",\"value\":\"LOCKED\"}";
		call(lock, this.secret);
		call("{\"property\":\"lockState\",\"value\":\"UNLOCKED\",\"deliveryId\":\"2\"}", this.secret);

		Reply replay = call(lock, this.secret);

		assertThat(replay.status()).isEqualTo(200);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(lockState()).isEqualTo("UNLOCKED");
		this.recorder.await(this::changeOfDevice, 4);
		this.recorder.assertStaysAt(this::changeOfDevice, 4);
	}

	@Test
	void aSignedCallWithABadBodyIs400() {
		Reply reply = call("{\"property\":\"1bad\",\"value\":\"x\"}", this.secret);

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.isProblem()).isTrue();
		assertThat(call("not json", this.secret).status()).isEqualTo(400);
		for (String notAString : new String[] { "42", "true", "null", "{\"state\":\"LOCKED\"}", "[\"LOCKED\"]" }) {
			Reply refused = call("{\"property\":\"lockState\",\"value\":" + notAString + "}", this.secret);
			assertThat(refused.status()).as(notAString).isEqualTo(400);
			assertThat(refused.isProblem()).as(notAString).isTrue();
		}
		assertThat(lockState()).isEqualTo("UNLOCKED");
	}

	@Test
	void aDeletedWebhookNoLongerAcceptsCalls() {
		String id = this.hookPath.substring("/hooks/".length());

		assertThat(this.alice.delete("/api/devices/" + this.device + "/webhooks/" + id).status()).isEqualTo(204);

		assertUnauthorized(call("{\"property\":\"lockState\",\"value\":\"LOCKED\"}", this.secret));
		assertThat(this.alice.delete("/api/devices/" + this.device + "/webhooks/" + id).status()).isEqualTo(404);
	}

	@Test
	void onlyTheOwnerMayRegisterWebhooks() {
		ApiClient bob = ApiClient.user(this.port, "bob-" + UUID.randomUUID(), "acme");

		assertThat(bob.post("/api/devices/" + this.device + "/webhooks", null).status()).isEqualTo(404);
	}

	private Reply call(String body, String secret) {
		return this.anonymous.send("POST", this.hookPath, body, Map.of("X-VirtDevice-Signature",
				WebhookSignatures.sign(secret, body.getBytes(StandardCharsets.UTF_8))));
	}

	private String lockState() {
		return this.alice.get("/api/devices/" + this.device).json().path("properties").path("lockState").asString();
	}

	private void assertUnauthorized(Reply reply) {
		assertThat(reply.status()).isEqualTo(401);
		assertThat(reply.isProblem()).isTrue();
	}

	private boolean changeOfDevice(Received received) {
		return received.event().deviceId().equals(this.device) && received.event().type() == EventType.PROPERTY_CHANGED;
	}

}
