package com.virtdevice.ifttt;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The trigger endpoint as IFTTT polls it (docs/contract.md §7). */
class TriggerEndpointIT extends IftttServiceTestBase {

	@Test
	void returnsTheUsersChangesNewestFirstWithMetaAndStringIngredients() {
		String user = newUser();
		String lamp = newDevice(user, "Kitchen light");
		DeviceStateEvent first = changeAndStore(lamp, "powerState", "ON", ChangeSource.WEB);
		DeviceStateEvent second = changeAndStore(lamp, "brightness", "80", ChangeSource.ALEXA);
		DeviceStateEvent third = changeAndStore(lamp, "powerState", "OFF", ChangeSource.IFTTT);

		HttpResponse<String> response = poll(tokenFor(user), body("id-" + user, "{}", null));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode data = json(response).path("data");
		assertThat(ids(data)).containsExactly(id(third), id(second), id(first));
		JsonNode newest = data.get(0);
		assertThat(newest.path("device_id").asString()).isEqualTo(lamp);
		assertThat(newest.path("device_name").asString()).isEqualTo("Kitchen light");
		assertThat(newest.path("property").asString()).isEqualTo("powerState");
		assertThat(newest.path("old_value").asString()).isEqualTo("ON");
		assertThat(newest.path("new_value").asString()).isEqualTo("OFF");
		assertThat(newest.path("source").asString()).isEqualTo("ifttt");
		assertThat(Instant.parse(newest.path("changed_at").asString())).isEqualTo(third.timestamp());
		assertThat(newest.path("meta").path("timestamp").isIntegralNumber()).isTrue();
		assertThat(newest.path("meta").path("timestamp").asLong()).isEqualTo(third.timestamp().getEpochSecond());
		assertThat(data.get(1).path("old_value").asString()).as("a property without a previous value").isEmpty();
		data.forEach((item) -> item.properties().forEach((field) -> {
			if (!field.getKey().equals("meta")) {
				assertThat(field.getValue().isString()).as(field.getKey()).isTrue();
			}
		}));
	}

	@Test
	void filtersByDeviceByPropertyAndByBoth() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");
		String plug = newDevice(user, "Plug");
		DeviceStateEvent lampPower = changeAndStore(lamp, "powerState", "ON", ChangeSource.WEB);
		DeviceStateEvent lampBrightness = changeAndStore(lamp, "brightness", "40", ChangeSource.WEB);
		DeviceStateEvent plugPower = changeAndStore(plug, "powerState", "ON", ChangeSource.WEB);
		String token = tokenFor(user);

		assertThat(ids(pollFields(token, "{\"device_id\":\"" + lamp + "\"}"))).containsExactly(id(lampBrightness),
				id(lampPower));
		assertThat(ids(pollFields(token, "{\"property\":\"powerState\"}"))).containsExactly(id(plugPower),
				id(lampPower));
		assertThat(ids(pollFields(token, "{\"device_id\":\"" + plug + "\",\"property\":\"powerState\"}")))
			.containsExactly(id(plugPower));
		assertThat(ids(pollFields(token, "{\"device_id\":\"" + plug + "\",\"property\":\"brightness\"}"))).isEmpty();
	}

	@Test
	void returnsFiftyByDefaultNoneForLimitZeroAndAsManyAsAskedOtherwise() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");
		List<DeviceStateEvent> changes = IntStream.range(0, 53)
			.mapToObj((i) -> publisher.change(lamp, "brightness", Integer.toString(i), ChangeSource.API))
			.toList();
		awaitStored(changes.get(changes.size() - 1));
		String token = tokenFor(user);

		List<String> byDefault = ids(poll(token, body("id-" + user, "{}", null)));
		assertThat(byDefault).hasSize(50);
		assertThat(byDefault.get(0)).isEqualTo(id(changes.get(52)));
		assertThat(byDefault.get(49)).isEqualTo(id(changes.get(3)));
		assertThat(ids(poll(token, body("id-" + user, "{}", 0)))).isEmpty();
		assertThat(ids(poll(token, body("id-" + user, "{}", 3)))).containsExactly(id(changes.get(52)),
				id(changes.get(51)), id(changes.get(50)));
	}

	@Test
	void neverReturnsAnotherUsersChangesEvenForTheirDevice() {
		String owner = newUser();
		String intruder = newUser();
		String lamp = newDevice(owner, "Lamp");
		changeAndStore(lamp, "powerState", "ON", ChangeSource.WEB);

		assertThat(ids(poll(tokenFor(intruder), body("id-" + intruder, "{}", null)))).isEmpty();
		assertThat(ids(pollFields(tokenFor(intruder), "{\"device_id\":\"" + lamp + "\"}"))).isEmpty();
		String otherTenant = TestTokens.forUser(owner, "tenant-2").scopes("events:read").sign();
		assertThat(ids(poll(otherTenant, body("id-" + owner, "{}", null)))).isEmpty();
	}

	@Test
	void refusesMissingExpiredForgedAndUnsignedTokensWithIftttsErrorBody() {
		String user = newUser();
		TestTokens.Builder valid = TestTokens.forUser(user, TENANT).scopes("events:read");
		List<HttpResponse<String>> refused = List.of(
				send(HttpRequest.newBuilder(uri(TRIGGER_PATH))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body("id", "{}", null)))),
				poll(valid.expiresAt(Instant.now().minusSeconds(600)).sign(), body("id", "{}", null)),
				poll(TestTokens.forUser(user, TENANT)
					.scopes("events:read")
					.signedWith("another-secret-that-is-32-bytes-long!!")
					.sign(), body("id", "{}", null)),
				poll(TestTokens.forUser(user, TENANT).scopes("events:read").unsigned(), body("id", "{}", null)),
				poll(TestTokens.forUser(user, TENANT).scopes("devices:read").sign(), body("id", "{}", null)));

		assertThat(refused).allSatisfy((response) -> {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(json(response).path("errors").get(0).path("message").asString()).isNotBlank();
		});
	}

	@Test
	void answersBadRequestsAndUnknownTriggersInIftttsFormat() {
		String token = tokenFor(newUser());

		assertError(poll(token, "{\"trigger_identity\":\"x\",\"triggerFields\":{},\"limit\":-1}"), 400, "limit");
		assertError(poll(token, "{\"trigger_identity\":\"x\"}"), 400, "triggerFields");
		assertError(poll(token, "{\"trigger_identity\":\"x\",\"triggerFields\":{\"device_id\":7}}"), 400, "device_id");
		assertError(poll(token, "{not json"), 400, "JSON");
		assertError(send(HttpRequest.newBuilder(uri("/ifttt/v1/triggers/no_such_trigger"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body("x", "{}", null)))), 404, "no_such_trigger");
	}

	@Test
	void statusNeedsTheServiceKey() {
		assertThat(status(SERVICE_KEY).statusCode()).isEqualTo(200);
		assertError(status("wrong-key"), 401, "IFTTT-Service-Key");
		assertError(send(HttpRequest.newBuilder(uri("/ifttt/v1/status"))), 401, "IFTTT-Service-Key");
	}

	@Test
	void userInfoIdentifiesTheTokensUser() {
		String user = newUser();
		HttpResponse<String> plain = send(
				HttpRequest.newBuilder(uri("/ifttt/v1/user/info")).header("Authorization", "Bearer " + tokenFor(user)));
		HttpResponse<String> named = send(HttpRequest.newBuilder(uri("/ifttt/v1/user/info"))
			.header("Authorization", "Bearer " + TestTokens.forUser(user, TENANT).claim("name", "Ada").sign()));

		HttpResponse<String> twin = send(HttpRequest.newBuilder(uri("/ifttt/v1/user/info"))
			.header("Authorization", "Bearer " + TestTokens.forUser(user, "another-tenant").sign()));

		assertThat(json(plain).path("data").path("id").asString()).isEqualTo(TENANT + ":" + user);
		assertThat(json(twin).path("data").path("id").asString()).isEqualTo("another-tenant:" + user);
		assertThat(json(plain).path("data").path("name").asString()).isEqualTo(user);
		assertThat(json(named).path("data").path("name").asString()).isEqualTo("Ada");
		assertThat(send(HttpRequest.newBuilder(uri("/ifttt/v1/user/info"))).statusCode()).isEqualTo(401);
	}

	@Test
	void testSetupGivesATokenThatPollsTheTestUsersTrigger() {
		HttpResponse<String> refused = send(
				HttpRequest.newBuilder(uri("/ifttt/v1/test/setup")).POST(HttpRequest.BodyPublishers.noBody()));
		HttpResponse<String> setup = send(HttpRequest.newBuilder(uri("/ifttt/v1/test/setup"))
			.header("IFTTT-Service-Key", SERVICE_KEY)
			.POST(HttpRequest.BodyPublishers.noBody()));

		assertThat(refused.statusCode()).isEqualTo(401);
		JsonNode data = json(setup).path("data");
		JsonNode fields = data.path("samples").path("triggers").path("device_property_changed");
		assertThat(fields.path("device_id").asString()).isEqualTo("ifttt-test-device");
		assertThat(fields.path("property").asString()).isEqualTo("powerState");
		HttpResponse<String> polled = poll(data.path("accessToken").asString(),
				body("test-identity", fields.toString(), null));
		assertThat(polled.statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> status(String key) {
		return send(HttpRequest.newBuilder(uri("/ifttt/v1/status")).header("IFTTT-Service-Key", key));
	}

	private static void assertError(HttpResponse<String> response, int status, String messagePart) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(json(response).path("errors").get(0).path("message").asString()).contains(messagePart);
	}

	/** Polls with these trigger fields (a JSON object). */
	private HttpResponse<String> pollFields(String token, String fields) {
		return poll(token, body("id-" + fields.hashCode(), fields, null));
	}

	static String body(String identity, String fields, Integer limit) {
		return "{\"trigger_identity\":\"" + identity + "\",\"triggerFields\":" + fields
				+ ",\"user\":{\"timezone\":\"UTC\"}" + ((limit != null) ? ",\"limit\":" + limit : "") + "}";
	}

	private static List<String> ids(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return ids(json(response).path("data"));
	}

	private static List<String> ids(JsonNode data) {
		return data.valueStream().map((item) -> item.path("meta").path("id").asString()).toList();
	}

	private static String id(DeviceStateEvent event) {
		return event.eventId().toString();
	}

}
