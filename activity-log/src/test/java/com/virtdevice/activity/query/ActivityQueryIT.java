package com.virtdevice.activity.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import com.virtdevice.activity.ActivityLogTestBase;
import com.virtdevice.activity.ApiClient.Answer;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventType;
import com.virtdevice.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /api/activity}: pagination, filters, tenant isolation, bad parameters. */
class ActivityQueryIT extends ActivityLogTestBase {

	@Test
	void walksA1000RowResultWithNoRowMissingOrRepeatedWhileNewRowsArrive() {
		String tenant = unique("tenant");
		String device = device("walker", tenant);
		List<UUID> original = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			original.add(publisher.change(device, "level", Integer.toString(i), ChangeSource.API).eventId());
		}
		awaitRows(device, 1000);
		String token = token("walker", tenant, "activity:read");

		assertThat(this.api.get("/api/activity?deviceId=" + device, token).json().path("items")).hasSize(50);
		List<UUID> walked = new ArrayList<>();
		List<Long> sequences = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Answer page = this.api.get(
					"/api/activity?deviceId=" + device + "&limit=37" + ((cursor != null) ? "&cursor=" + cursor : ""),
					token);
			assertThat(page.status()).isEqualTo(200);
			for (JsonNode item : page.json().path("items")) {
				walked.add(UUID.fromString(item.path("eventId").asString()));
				sequences.add(item.path("sequence").asLong());
			}
			cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asString();
			pages++;
			// Newer rows keep arriving while the client pages.
			for (int i = 0; i < 3; i++) {
				publisher.change(device, "level", "new-" + pages + "-" + i, ChangeSource.API);
			}
		}
		while (cursor != null);

		assertThat(pages).isEqualTo(28);
		assertThat(walked).hasSize(1000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(original);
		List<UUID> newestFirst = new ArrayList<>(original);
		Collections.reverse(newestFirst);
		assertThat(walked).containsExactlyElementsOf(newestFirst);
		assertThat(sequences).isSortedAccordingTo((a, b) -> Long.compare(b, a));
		awaitRows(device, 1000 + 3 * pages);
	}

	@Test
	void combinesFilters() {
		String tenant = unique("tenant");
		String ursula = unique("user");
		String victor = unique("user");
		String lamp = device(ursula, tenant);
		String plug = device(ursula, tenant);
		String lock = device(victor, tenant);
		DeviceStateEvent lampOnWeb = publisher.change(lamp, "powerState", "ON", ChangeSource.WEB);
		nextMillisecond(lampOnWeb);
		DeviceStateEvent lampDimAlexa = publisher.change(lamp, "brightness", "50", ChangeSource.ALEXA);
		nextMillisecond(lampDimAlexa);
		DeviceStateEvent lampOffAlexa = publisher.change(lamp, "powerState", "OFF", ChangeSource.ALEXA);
		DeviceStateEvent plugCreated = publisher.lifecycle(plug, EventType.DEVICE_CREATED);
		DeviceStateEvent plugOnAlexa = publisher.change(plug, "powerState", "ON", ChangeSource.ALEXA);
		DeviceStateEvent lockOnAlexa = publisher.change(lock, "powerState", "ON", ChangeSource.ALEXA);
		awaitRows(lock, 1);
		String token = token(ursula, tenant, "activity:read");

		assertThat(eventIds("deviceId=" + lamp + "&property=powerState&source=alexa", token))
			.containsExactly(lampOffAlexa.eventId());
		assertThat(eventIds("userId=" + ursula + "&action=property_changed", token)).containsExactly(
				plugOnAlexa.eventId(), lampOffAlexa.eventId(), lampDimAlexa.eventId(), lampOnWeb.eventId());
		assertThat(eventIds("userId=" + ursula + "&source=alexa&property=powerState", token))
			.containsExactly(plugOnAlexa.eventId(), lampOffAlexa.eventId());
		assertThat(eventIds("deviceId=" + plug + "&action=device_created", token))
			.containsExactly(plugCreated.eventId());
		assertThat(eventIds("tenantId=" + tenant + "&userId=" + victor, operatorToken()))
			.containsExactly(lockOnAlexa.eventId());
		assertThat(eventIds(
				"deviceId=" + lamp + "&from=" + lampDimAlexa.timestamp() + "&to=" + lampOffAlexa.timestamp(), token))
			.containsExactly(lampDimAlexa.eventId());
		assertThat(eventIds("deviceId=" + lamp + "&from=" + lampDimAlexa.timestamp(), token))
			.containsExactly(lampOffAlexa.eventId(), lampDimAlexa.eventId());
		assertThat(eventIds("deviceId=" + lamp + "&to=" + lampDimAlexa.timestamp(), token))
			.containsExactly(lampOnWeb.eventId());
	}

	@Test
	void showsActivityReadersTheirOwnTenantOnly() {
		String user = unique("user");
		String ours = unique("tenant");
		String theirs = unique("tenant");
		DeviceStateEvent ourEvent = publisher.change(device(user, ours), "powerState", "ON", ChangeSource.WEB);
		String theirDevice = device(user, theirs);
		DeviceStateEvent theirEvent = publisher.change(theirDevice, "powerState", "ON", ChangeSource.WEB);
		awaitRows(theirDevice, 1);
		String token = token(user, ours, "activity:read");

		Answer all = this.api.get("/api/activity?limit=500", token);
		assertThat(all.json().path("items").valueStream().map((item) -> item.path("tenantId").asString()))
			.containsOnly(ours);
		assertThat(eventIds("userId=" + user, token)).containsExactly(ourEvent.eventId());
		assertThat(eventIds("tenantId=" + ours + "&userId=" + user, token)).containsExactly(ourEvent.eventId());
		assertThat(eventIds("deviceId=" + theirDevice, token)).isEmpty();
		Answer otherTenant = this.api.get("/api/activity?tenantId=" + theirs, token);
		assertThat(otherTenant.status()).isEqualTo(403);
		assertThat(otherTenant.contentType()).startsWith("application/problem+json");
		long theirId = idOf(theirEvent, operatorToken());
		assertThat(this.api.get("/api/activity/" + theirId, token).status()).isEqualTo(404);
		assertThat(this.api.get("/api/activity/" + idOf(ourEvent, token), token).status()).isEqualTo(200);
	}

	@Test
	void letsOperatorsSeeEveryTenantOrTheOneTheyName() {
		String user = unique("user");
		String first = unique("tenant");
		String second = unique("tenant");
		DeviceStateEvent firstEvent = publisher.change(device(user, first), "powerState", "ON", ChangeSource.WEB);
		String secondDevice = device(user, second);
		DeviceStateEvent secondEvent = publisher.change(secondDevice, "powerState", "ON", ChangeSource.WEB);
		awaitRows(secondDevice, 1);

		assertThat(eventIds("userId=" + user, operatorToken())).containsExactly(secondEvent.eventId(),
				firstEvent.eventId());
		assertThat(eventIds("userId=" + user + "&tenantId=" + first, operatorToken()))
			.containsExactly(firstEvent.eventId());
		Answer one = this.api.get("/api/activity/" + idOf(secondEvent, operatorToken()), operatorToken());
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.json().path("tenantId").asString()).isEqualTo(second);
		assertThat(this.api.get("/api/activity/" + Long.MAX_VALUE, operatorToken()).status()).isEqualTo(404);
	}

	@Test
	void refusesCallersWithoutAValidTokenOrTheScope() {
		assertThat(this.api.get("/api/activity", null).status()).isEqualTo(401);
		assertThat(this.api.get("/api/activity",
				TestTokens.forUser("u", "t").scopes("activity:read").expiresAt(Instant.now().minusSeconds(600)).sign())
			.status()).isEqualTo(401);
		Answer forbidden = this.api.get("/api/activity", token("u", "t", "devices:read", "events:read"));
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.contentType()).startsWith("application/problem+json");
		assertThat(this.api.get("/api/activity/1", token("u", "t", "events:replay")).status()).isEqualTo(403);
	}

	@ParameterizedTest
	@ValueSource(strings = { "source=telepathy", "action=device_renamed",
			"from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "cursor=not-a-cursor", "cursor=MjoxOjI6Mw", "limit=0",
			"limit=501", "limit=ten", "from=yesterday", "to=%2B100000-01-01T00:00:00Z", "deviceId=a:b",
			"property=1st" })
	void rejectsBadParametersWithProblemJson(String query) {
		Answer answer = this.api.get("/api/activity?" + query, operatorToken());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().path("status").asInt()).isEqualTo(400);
	}

	@Test
	void rejectsAnIdThatIsNotANumber() {
		assertThat(this.api.get("/api/activity/abc", operatorToken()).status()).isEqualTo(400);
	}

	private List<UUID> eventIds(String query, String token) {
		Answer answer = this.api.get("/api/activity?" + query, token);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json()
			.path("items")
			.valueStream()
			.map((item) -> UUID.fromString(item.path("eventId").asString()))
			.toList();
	}

	private long idOf(DeviceStateEvent event, String token) {
		Answer answer = this.api.get("/api/activity?deviceId=" + event.deviceId(), token);
		return answer.json()
			.path("items")
			.valueStream()
			.filter((item) -> item.path("eventId").asString().equals(event.eventId().toString()))
			.findFirst()
			.orElseThrow()
			.path("id")
			.asLong();
	}

	/**
	 * Lets the clock pass the event's millisecond, so the next event is strictly later.
	 */
	private static void nextMillisecond(DeviceStateEvent event) {
		await().atMost(Duration.ofSeconds(1))
			.until(() -> Instant.now().toEpochMilli() > event.timestamp().toEpochMilli());
	}

}
