package com.virtdevice.publisher.device;

import java.util.Map;
import java.util.UUID;

import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventType;
import com.virtdevice.publisher.ApiClient;
import com.virtdevice.publisher.ApiClient.Reply;
import com.virtdevice.publisher.EventRecorder;
import com.virtdevice.publisher.EventRecorder.Received;
import com.virtdevice.publisher.PublisherIntegrationTest;
import com.virtdevice.testsupport.TestInfrastructure;
import com.virtdevice.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@PublisherIntegrationTest
class DeviceApiIT {

	@LocalServerPort
	private int port;

	@Autowired
	private Channels channels;

	private EventRecorder recorder;

	private final String alice = "alice-" + UUID.randomUUID();

	@BeforeEach
	void subscribe() {
		this.recorder = new EventRecorder(TestInfrastructure.redisUrl(), this.channels.namespace());
	}

	@AfterEach
	void unsubscribe() {
		this.recorder.close();
	}

	@Test
	void createsADeviceOwnedByTheCallerAndPublishesDeviceCreated() {
		Reply created = ApiClient.user(this.port, this.alice, "acme")
			.post("/api/devices",
					"{\"name\":\"Kitchen light\",\"type\":\"LIGHT\",\"properties\":{\"powerState\":\"OFF\",\"brightness\":\"40\"}}");

		assertThat(created.status()).isEqualTo(201);
		String id = created.json().path("id").asString();
		assertThat(created.header("Location")).isEqualTo("/api/devices/" + id);
		assertThat(created.json().path("userId").asString()).isEqualTo(this.alice);
		assertThat(created.json().path("tenantId").asString()).isEqualTo("acme");
		assertThat(created.json().path("properties").path("brightness").asString()).isEqualTo("40");
		assertThat(created.json().path("createdAt").asString()).isNotEmpty();
		DeviceStateEvent event = this.recorder.await((r) -> r.event().deviceId().equals(id), 2).get(0).event();
		assertThat(event.type()).isEqualTo(EventType.DEVICE_CREATED);
		assertThat(event.userId()).isEqualTo(this.alice);
		assertThat(event.property()).isNull();
		assertThat(this.recorder.ofDevice(id)).extracting(Received::channel)
			.containsExactlyInAnyOrder(this.channels.userEvents(this.alice), this.channels.globalEvents());
	}

	@Test
	void initialPropertyValuesAreNotChanges() throws Exception {
		String id = ApiClient.user(this.port, this.alice, "acme")
			.createDevice("Lamp", "LIGHT", "{\"powerState\":\"ON\"}");

		this.recorder.await((r) -> r.event().deviceId().equals(id), 2);
		this.recorder.assertStaysAt((r) -> r.event().deviceId().equals(id), 2);
		assertThat(this.recorder.ofDevice(id)).allMatch((r) -> r.event().type() == EventType.DEVICE_CREATED);
	}

	@Test
	void listsAndReadsOnlyTheCallersOwnDevices() {
		ApiClient alice = ApiClient.user(this.port, this.alice, "acme");
		ApiClient bob = ApiClient.user(this.port, "bob-" + UUID.randomUUID(), "acme");
		ApiClient otherTenant = ApiClient.user(this.port, this.alice, "globex");
		String id = alice.createDevice("Lamp", "LIGHT", "{}");

		assertThat(alice.get("/api/devices").json().path("items").findValuesAsString("id")).containsExactly(id);
		assertThat(bob.get("/api/devices").json().path("items").size()).isZero();
		assertThat(alice.get("/api/devices/" + id).status()).isEqualTo(200);
		Reply bobs = bob.get("/api/devices/" + id);
		assertThat(bobs.status()).isEqualTo(404);
		assertThat(bobs.isProblem()).isTrue();
		assertThat(otherTenant.get("/api/devices/" + id).status()).isEqualTo(404);
		assertThat(bob.delete("/api/devices/" + id).status()).isEqualTo(404);
		assertThat(bob.put("/api/devices/" + id + "/properties/powerState", "{\"value\":\"ON\"}").status())
			.isEqualTo(404);
		assertThat(otherTenant.put("/api/devices/" + id + "/properties/powerState", "{\"value\":\"ON\"}").status())
			.isEqualTo(404);
		assertThat(bob.patch("/api/devices/" + id + "/properties", "{\"values\":{\"powerState\":\"ON\"}}", Map.of())
			.status()).isEqualTo(404);
		assertThat(
				bob.put("/api/devices/" + UUID.randomUUID() + "/properties/powerState", "{\"value\":\"ON\"}").status())
			.isEqualTo(404);
		assertThat(alice.get("/api/devices/" + id).json().path("properties").has("powerState")).isFalse();
		assertThat(bob.get("/api/devices/" + UUID.randomUUID()).status()).isEqualTo(404);
	}

	@Test
	void operatorsMayReadAnyDeviceButNotChangeIt() {
		String id = ApiClient.user(this.port, this.alice, "acme").createDevice("Lamp", "LIGHT", "{}");
		ApiClient ops = ApiClient.withToken(this.port,
				TestTokens.forUser("operator", "internal").scopes("ops:read").sign());

		assertThat(ops.get("/api/devices/" + id).json().path("userId").asString()).isEqualTo(this.alice);
		assertThat(ops.delete("/api/devices/" + id).status()).isEqualTo(403);
	}

	@Test
	void deletesADeviceAndPublishesDeviceDeleted() {
		ApiClient alice = ApiClient.user(this.port, this.alice, "acme");
		String id = alice.createDevice("Lamp", "LIGHT", "{\"powerState\":\"OFF\"}");

		assertThat(alice.delete("/api/devices/" + id).status()).isEqualTo(204);

		assertThat(alice.get("/api/devices/" + id).status()).isEqualTo(404);
		DeviceStateEvent deleted = this.recorder
			.await((r) -> r.event().deviceId().equals(id) && r.event().type() == EventType.DEVICE_DELETED, 2)
			.get(0)
			.event();
		assertThat(deleted.userId()).isEqualTo(this.alice);
		assertThat(deleted.tenantId()).isEqualTo("acme");
		assertThat(alice.delete("/api/devices/" + id).status()).isEqualTo(404);
	}

	@Test
	void refusesInvalidDevicesWithProblemJsonAndPublishesNothing() {
		ApiClient alice = ApiClient.user(this.port, this.alice, "acme");

		for (String body : new String[] { "{\"type\":\"LIGHT\"}", "{\"name\":\"\",\"type\":\"LIGHT\"}",
				"{\"name\":\"x\",\"type\":\"light bulb\"}", "{\"name\":\"" + "n".repeat(201) + "\",\"type\":\"LIGHT\"}",
				"{\"name\":\"x\",\"type\":\"LIGHT\",\"properties\":{\"1bad\":\"v\"}}",
				"{\"name\":\"x\",\"type\":\"LIGHT\",\"properties\":{\"p\":\"" + "v".repeat(1025) + "\"}}",
				"{\"name\":\"x\",\"type\":\"LIGHT\",\"properties\":{\"brightness\":40}}",
				"{\"name\":\"x\",\"type\":\"LIGHT\",\"properties\":{\"on\":true}}",
				"{\"name\":\"x\",\"type\":\"LIGHT\",\"source\":\"voice\"}", "{\"name\":", "[]" }) {
			Reply reply = alice.post("/api/devices", body);
			assertThat(reply.status()).as(body).isEqualTo(400);
			assertThat(reply.isProblem()).as(body).isTrue();
		}
		assertThat(alice.get("/api/devices").json().path("items").size()).isZero();
	}

	@Test
	void needsAValidTokenWithTheRightScope() {
		assertThat(ApiClient.withToken(this.port, null).get("/api/devices").status()).isEqualTo(401);
		for (String bad : new String[] { TestTokens.forUser("u", "t").scopes("devices:read").unsigned(),
				TestTokens.forUser("u", "t")
					.scopes("devices:read")
					.claim("iat", java.util.Date.from(java.time.Instant.now().minusSeconds(7200)))
					.expiresAt(java.time.Instant.now().minusSeconds(3600))
					.sign(),
				TestTokens.forUser("u", "t")
					.scopes("devices:read")
					.signedWith("another-secret-of-32-bytes-or-more!")
					.sign(),
				TestTokens.forUser("u", "t").scopes("devices:read").claim("tenant", null).sign() }) {
			Reply reply = ApiClient.withToken(this.port, bad).get("/api/devices");
			assertThat(reply.status()).isEqualTo(401);
			assertThat(reply.isProblem()).isTrue();
		}
		ApiClient readOnly = ApiClient.withToken(this.port, TestTokens.forUser("u", "t").scopes("devices:read").sign());
		assertThat(readOnly.get("/api/devices").status()).isEqualTo(200);
		assertThat(readOnly.post("/api/devices", "{\"name\":\"x\",\"type\":\"LIGHT\"}").status()).isEqualTo(403);
	}

}
