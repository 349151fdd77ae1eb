package com.virtdevice.publisher.replay;

import java.util.List;
import java.util.UUID;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.publisher.ApiClient;
import com.virtdevice.publisher.ApiClient.Reply;
import com.virtdevice.publisher.PublisherIntegrationTest;
import com.virtdevice.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@PublisherIntegrationTest
class ReplayApiIT {

	@LocalServerPort
	private int port;

	private final EventCodec codec = new EventCodec();

	@Test
	void aServiceTokenReadsEveryEventInSequenceOrderPageByPage() {
		ApiClient alice = ApiClient.user(this.port, "alice-" + UUID.randomUUID(), "acme");
		ApiClient bob = ApiClient.user(this.port, "bob-" + UUID.randomUUID(), "acme");
		String lamp = alice.createDevice("Lamp", "LIGHT", "{}");
		String plug = bob.createDevice("Plug", "PLUG", "{}");
		for (int i = 0; i < 5; i++) {
			alice.put("/api/devices/" + lamp + "/properties/brightness", "{\"value\":\"" + i + "\"}");
			bob.put("/api/devices/" + plug + "/properties/powerState",
					"{\"value\":\"" + ((i % 2 == 0) ? "ON" : "OFF") + "\"}");
		}
		ApiClient service = ApiClient.withToken(this.port,
				TestTokens.forUser("service-test", "system").scopes("events:replay").sign());
		long start = awaitSequenced(service, lamp, plug);

		List<DeviceStateEvent> all = readAll(service, start - 1, 3);

		assertThat(all).extracting(DeviceStateEvent::sequence).isSorted().doesNotHaveDuplicates();
		for (int i = 1; i < all.size(); i++) {
			assertThat(all.get(i).sequence()).isEqualTo(all.get(i - 1).sequence() + 1);
		}
		assertThat(all.stream().filter((e) -> e.deviceId().equals(lamp) || e.deviceId().equals(plug))).hasSize(12);
	}

	@Test
	void aUserTokenReadsOnlyThatUsersEvents() {
		String aliceId = "alice-" + UUID.randomUUID();
		ApiClient alice = ApiClient.user(this.port, aliceId, "acme");
		ApiClient bob = ApiClient.user(this.port, "bob-" + UUID.randomUUID(), "acme");
		ApiClient aliceElsewhere = ApiClient.user(this.port, aliceId, "globex");
		String lamp = alice.createDevice("Lamp", "LIGHT", "{}");
		bob.createDevice("Plug", "PLUG", "{}");
		aliceElsewhere.createDevice("Other tenant's lamp", "LIGHT", "{}");
		alice.put("/api/devices/" + lamp + "/properties/powerState", "{\"value\":\"ON\"}");

		await().untilAsserted(() -> assertThat(readAll(alice, 0, 1000)).hasSize(2));
		assertThat(readAll(alice, 0, 1000)).allMatch((e) -> e.userId().equals(aliceId) && e.tenantId().equals("acme"));
	}

	@Test
	void refusesBadParametersAndTokensWithoutAReadScope() {
		ApiClient service = ApiClient.withToken(this.port,
				TestTokens.forUser("service-test", "system").scopes("events:replay").sign());

		for (String query : new String[] { "limit=0", "limit=1001", "afterSequence=-1", "afterSequence=x" }) {
			Reply reply = service.get("/api/events?" + query);
			assertThat(reply.status()).as(query).isEqualTo(400);
			assertThat(reply.isProblem()).isTrue();
		}
		assertThat(ApiClient.withToken(this.port, TestTokens.forUser("u", "t").scopes("activity:read").sign())
			.get("/api/events")
			.status()).isEqualTo(403);
		assertThat(ApiClient.withToken(this.port, null).get("/api/events").status()).isEqualTo(401);
	}

	private long awaitSequenced(ApiClient service, String... devices) {
		List<String> ids = List.of(devices);
		await().untilAsserted(
				() -> assertThat(readAll(service, 0, 1000).stream().filter((e) -> ids.contains(e.deviceId())))
					.hasSize(12));
		return readAll(service, 0, 1000).stream()
			.filter((e) -> ids.contains(e.deviceId()))
			.mapToLong(DeviceStateEvent::sequence)
			.min()
			.orElseThrow();
	}

	private List<DeviceStateEvent> readAll(ApiClient client, long after, int limit) {
		List<DeviceStateEvent> events = new java.util.ArrayList<>();
		long next = after;
		while (true) {
			JsonNode page = client.get("/api/events?afterSequence=" + next + "&limit=" + limit).json();
			for (JsonNode item : page.path("items")) {
				events.add(this.codec.decode(item.toString()));
			}
			assertThat(page.path("latestSequence").asLong()).isGreaterThanOrEqualTo(page.path("nextSequence").asLong());
			if (page.path("items").size() < limit) {
				return events;
			}
			next = page.path("nextSequence").asLong();
		}
	}

}
