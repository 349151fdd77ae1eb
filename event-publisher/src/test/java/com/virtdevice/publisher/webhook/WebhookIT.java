package com.virtdevice.publisher.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PublisherIntegrationTest
class WebhookIT {

	@LocalServerPort
	private int port;

	@Autowired
	private Channels channels;

	@Autowired
	private JdbcTemplate jdbc;

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
	void aBadOrMissingSignatureIs401AndChangesNothing() {
		String body = "{\"property\":\"lockState\",\"value\":\"LOCKED\"}";
		long now = Instant.now().getEpochSecond();
		String signed = WebhookSignatures.sign(this.secret, now, "d-1", bytes(body));

		assertUnauthorized(call(body, "another-secret"));
		assertUnauthorized(send(body, Map.of()));
		assertUnauthorized(send(body, Map.of(WebhookSignatures.DELIVERY_HEADER, "d-1")));
		assertUnauthorized(send(body, Map.of(WebhookSignatures.HEADER, signed)));
		assertUnauthorized(
				send(body, Map.of(WebhookSignatures.HEADER, signed, WebhookSignatures.DELIVERY_HEADER, "d-2")));
		assertUnauthorized(
				send(body, Map.of(WebhookSignatures.HEADER, signed, WebhookSignatures.DELIVERY_HEADER, "d.1")));
		assertUnauthorized(send(body.replace("LOCKED", "JAMMED"),
				Map.of(WebhookSignatures.HEADER, signed, WebhookSignatures.DELIVERY_HEADER, "d-1")));
		assertUnauthorized(send(body, Map.of(WebhookSignatures.HEADER, "t=" + now + ",v1=" + "0".repeat(64),
				WebhookSignatures.DELIVERY_HEADER, "d-1")));
		assertUnauthorized(this.anonymous.send("POST", "/hooks/" + UUID.randomUUID(), body,
				Map.of(WebhookSignatures.HEADER, signed, WebhookSignatures.DELIVERY_HEADER, "d-1")));
		assertThat(lockState()).isEqualTo("UNLOCKED");
	}

	@Test
	void theOldSignatureFormatIsRefusedWithAProblemSayingWhatToSend() {
		String body = "{\"property\":\"lockState\",\"value\":\"LOCKED\"}";

		Reply reply = send(body, Map.of(WebhookSignatures.HEADER, "sha256=" + hmacOfBody(body)));

		assertUnauthorized(reply);
		assertThat(reply.json().path("detail").asString()).contains("no longer accepted", "t=<unix seconds>,v1=",
				WebhookSignatures.DELIVERY_HEADER);
		assertThat(lockState()).isEqualTo("UNLOCKED");
	}

	@Test
	void aCallSignedOutsideTheToleranceWindowIsRefused() {
		String body = "{\"property\":\"lockState\",\"value\":\"LOCKED\"}";
		long now = Instant.now().getEpochSecond();

		Reply old = call(body, this.secret, now - 330, "late");
		Reply ahead = call(body, this.secret, now + 330, "early");

		assertUnauthorized(old);
		assertThat(old.json().path("detail").asString()).contains("in the past", "300 s");
		assertUnauthorized(ahead);
		assertThat(ahead.json().path("detail").asString()).contains("in the future");
		assertThat(lockState()).isEqualTo("UNLOCKED");
		assertThat(call(body, this.secret, now - 240, "in-time").status()).isEqualTo(200);
		assertThat(lockState()).isEqualTo("LOCKED");
	}

	@Test
	void theSameDeliveryAgainHasNoSecondEffectEvenWithAFreshTimestamp() {
		String lock = "{\"property\":\"lockState\",\"value\":\"LOCKED\"}";
		long now = Instant.now().getEpochSecond();
		call(lock, this.secret, now - 10, "delivery-1");
		call("{\"property\":\"lockState\",\"value\":\"UNLOCKED\"}", this.secret, now, "delivery-2");

		Reply replay = call(lock, this.secret, now - 10, "delivery-1");
		Reply retry = call(lock, this.secret, now, "delivery-1");

		assertThat(replay.status()).isEqualTo(200);
		assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(lockState()).isEqualTo("UNLOCKED");
		this.recorder.await(this::changeOfDevice, 4);
		this.recorder.assertStaysAt(this::changeOfDevice, 4);
		Reply reused = call("{\"property\":\"lockState\",\"value\":\"JAMMED\"}", this.secret, now, "delivery-1");
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.isProblem()).isTrue();
	}

	@Test
	void theSameValueAgainInANewDeliveryIsApplied() {
		String lock = "{\"property\":\"lockState\",\"value\":\"LOCKED\"}";

		call(lock, this.secret);
		call("{\"property\":\"lockState\",\"value\":\"UNLOCKED\"}", this.secret);
		Reply again = call(lock, this.secret);

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.header("Idempotent-Replayed")).isNull();
		assertThat(lockState()).isEqualTo("LOCKED");
		this.recorder.await(this::changeOfDevice, 6);
	}

	@Test
	void theSecretIsStoredEncryptedAndBoundToItsWebhook() {
		String id = this.hookPath.substring("/hooks/".length());
		byte[] stored = this.jdbc.queryForObject("SELECT secret_ciphertext FROM publisher.webhooks WHERE id = ?",
				byte[].class, id);
		Reply other = this.alice.post("/api/devices/" + this.device + "/webhooks", null);
		String otherId = other.json().path("id").asString();

		this.jdbc.update("UPDATE publisher.webhooks SET secret_ciphertext = ? WHERE id = ?", stored, otherId);

		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(this.secret);
		assertThat(this.jdbc.queryForList("SELECT column_name FROM information_schema.columns "
				+ "WHERE table_schema = 'publisher' AND table_name = 'webhooks'", String.class))
			.doesNotContain("secret");
		String body = "{\"property\":\"lockState\",\"value\":\"LOCKED\"}";
		long now = Instant.now().getEpochSecond();
		assertUnauthorized(this.anonymous.send("POST", "/hooks/" + otherId, body,
				Map.of(WebhookSignatures.HEADER, WebhookSignatures.sign(this.secret, now, "moved", bytes(body)),
						WebhookSignatures.DELIVERY_HEADER, "moved")));
		assertThat(lockState()).isEqualTo("UNLOCKED");
		assertThat(call(body, this.secret).status()).isEqualTo(200);
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

	/** A call signed now, as a new delivery. */
	private Reply call(String body, String secret) {
		return call(body, secret, Instant.now().getEpochSecond(), UUID.randomUUID().toString());
	}

	private Reply call(String body, String secret, long timestamp, String deliveryId) {
		return send(body,
				Map.of(WebhookSignatures.HEADER, WebhookSignatures.sign(secret, timestamp, deliveryId, bytes(body)),
						WebhookSignatures.DELIVERY_HEADER, deliveryId));
	}

	private Reply send(String body, Map<String, String> headers) {
		return this.anonymous.send("POST", this.hookPath, body, headers);
	}

	private String hmacOfBody(String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(bytes(body)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] bytes(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
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
