package com.virtdevice.alexa;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.virtdevice.alexa.grant.Region;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.testsupport.RecordedRequest;
import com.virtdevice.testsupport.RecordingHttpServer.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Event Gateway's answers, handled as the docs/contract.md §7 table says. */
class GatewayFailuresIT extends AlexaServiceHarness {

	@Test
	void unauthorizedRefreshesTheTokenAndRetriesOnce() {
		String user = unique("user");
		link(user, Region.NA);
		String plug = device(user, Map.of("powerState", "OFF"));
		na.script(codeOf(user), FakeGateway.error(401, "INVALID_ACCESS_TOKEN_EXCEPTION"));

		DeviceStateEvent event = publisher.change(plug, "powerState", "ON", ChangeSource.WEB);

		List<RecordedRequest> reports = awaitReports(na, plug, 2);
		assertThat(lwa.refreshesOf(codeOf(user))).hasSize(1);
		String refreshed = lwa.accessTokensOf(codeOf(user)).get(1);
		assertThat(reports.get(1).header("Authorization")).isEqualTo("Bearer " + refreshed);
		assertThat(FakeGateway.body(reports.get(1)).at("/event/endpoint/scope/token").asString()).isEqualTo(refreshed);
		assertThat(FakeGateway.body(reports.get(1)).at("/event/header/messageId").asString())
			.isEqualTo(FakeGateway.body(reports.get(0)).at("/event/header/messageId").asString());
		JsonNode delivery = awaitDelivery(event, "SENT");
		assertThat(delivery.path("answers").valueStream().map((answer) -> answer.path("status").asInt()))
			.containsExactly(401, 202);
		assertThat(isLinked(user)).isTrue();
	}

	@Test
	void unauthorizedAgainAfterTheRefreshUnlinks() {
		String user = unique("user");
		link(user, Region.NA);
		String plug = device(user, Map.of("powerState", "OFF"));
		na.script(codeOf(user), FakeGateway.error(401, "INVALID_ACCESS_TOKEN_EXCEPTION"),
				FakeGateway.error(401, "INVALID_ACCESS_TOKEN_EXCEPTION"));

		DeviceStateEvent event = publisher.change(plug, "powerState", "ON", ChangeSource.WEB);

		awaitDelivery(event, "UNLINKED");
		assertThat(na.reportsOf(plug)).hasSize(2);
		assertThat(isLinked(user)).isFalse();
	}

	@Test
	void aDisabledSkillUnlinksTheUserWithoutRetrying() {
		String user = unique("user");
		link(user, Region.NA);
		String plug = device(user, Map.of("powerState", "OFF"));
		na.script(codeOf(user), FakeGateway.error(403, "SKILL_DISABLED_EXCEPTION"));

		DeviceStateEvent event = publisher.change(plug, "powerState", "ON", ChangeSource.WEB);

		JsonNode delivery = awaitDelivery(event, "UNLINKED");
		assertThat(delivery.path("reason").asString()).contains("SKILL_DISABLED_EXCEPTION");
		assertThat(isLinked(user)).isFalse();
		assertThat(na.reportsOf(plug)).hasSize(1);
		assertThat(this.jdbc.sql("select count(*) from device_snapshots where user_id = :user")
			.param("user", user)
			.query(Long.class)
			.single()).isZero();
	}

	/**
	 * Issue 16: a 403 to a report sent with the token of an earlier grant unlinked the
	 * grant the user had linked meanwhile.
	 */
	@Test
	void aDisabledSkillAnswerToAnOldTokenKeepsTheGrantLinkedMeanwhile() {
		String user = unique("user");
		link(user, Region.NA);
		String plug = device(user, Map.of("powerState", "OFF"));
		na.script(codeOf(user), FakeGateway.error(403, "SKILL_DISABLED_EXCEPTION").delayedBy(Duration.ofMillis(1500)));

		DeviceStateEvent event = publisher.change(plug, "powerState", "ON", ChangeSource.WEB);
		awaitReports(na, plug, 1);
		link(user, Region.NA);

		List<RecordedRequest> reports = awaitReports(na, plug, 2);
		String relinked = lwa.accessTokensOf(codeOf(user)).get(1);
		assertThat(reports.get(0).header("Authorization")).isNotEqualTo("Bearer " + relinked);
		assertThat(reports.get(1).header("Authorization")).isEqualTo("Bearer " + relinked);
		JsonNode delivery = awaitDelivery(event, "SENT");
		assertThat(delivery.path("answers").valueStream().map((answer) -> answer.path("status").asInt()))
			.containsExactly(403, 202);
		assertThat(isLinked(user)).isTrue();
	}

	@Test
	void aMissingSkillPermissionIsCountedAndKeepsTheUserLinked() {
		String user = unique("user");
		link(user, Region.NA);
		String plug = device(user, Map.of("powerState", "OFF"));
		na.script(codeOf(user), FakeGateway.error(403, "INSUFFICIENT_PERMISSION_EXCEPTION"));
		double errors = count("virtdevice.alexa.gateway.errors", "code", "INSUFFICIENT_PERMISSION_EXCEPTION");

		DeviceStateEvent event = publisher.change(plug, "powerState", "ON", ChangeSource.WEB);

		awaitDelivery(event, "REJECTED");
		assertThat(isLinked(user)).isTrue();
		assertThat(na.reportsOf(plug)).hasSize(1);
		assertThat(count("virtdevice.alexa.gateway.errors", "code", "INSUFFICIENT_PERMISSION_EXCEPTION"))
			.isEqualTo(errors + 1);
	}

	@Test
	void aBadRequestIsDroppedNotRetried() {
		String user = unique("user");
		link(user, Region.NA);
		String plug = device(user, Map.of("powerState", "OFF"));
		na.script(codeOf(user), FakeGateway.error(400, "INVALID_REQUEST_EXCEPTION"));

		DeviceStateEvent event = publisher.change(plug, "powerState", "ON", ChangeSource.WEB);

		JsonNode delivery = awaitDelivery(event, "DROPPED");
		assertThat(delivery.path("reason").asString()).contains("400 INVALID_REQUEST_EXCEPTION");
		await().during(Duration.ofMillis(2500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> na.reportsOf(plug).size() == 1);
		assertThat(isLinked(user)).isTrue();
	}

	@Test
	void throttlingIsRetriedAtLeastOneSecondApartUntilItGoesThrough() {
		String user = unique("user");
		link(user, Region.NA);
		String plug = device(user, Map.of("powerState", "OFF"));
		na.script(codeOf(user), FakeGateway.error(429, "THROTTLING_EXCEPTION"),
				FakeGateway.error(429, "THROTTLING_EXCEPTION"));
		double throttled = count("virtdevice.alexa.gateway.throttled");
		double retries = count("virtdevice.alexa.reports.retries");

		DeviceStateEvent event = publisher.change(plug, "powerState", "ON", ChangeSource.WEB);

		awaitDelivery(event, "SENT");
		List<RecordedRequest> reports = na.reportsOf(plug);
		assertThat(reports).hasSize(3);
		assertThat(Duration.between(reports.get(0).receivedAt(), reports.get(1).receivedAt()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(Duration.between(reports.get(1).receivedAt(), reports.get(2).receivedAt()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(count("virtdevice.alexa.gateway.throttled")).isEqualTo(throttled + 2);
		assertThat(count("virtdevice.alexa.reports.retries")).isEqualTo(retries + 2);
	}

	@Test
	void persistentGatewayErrorsEndInADeadLetterAfterThreeRetries() {
		String user = unique("user");
		link(user, Region.NA);
		String plug = device(user, Map.of("powerState", "OFF"));
		Response unavailable = FakeGateway.error(503, "SERVICE_UNAVAILABLE_EXCEPTION");
		na.script(codeOf(user), unavailable, unavailable, unavailable, unavailable);
		double deadLettered = count("virtdevice.alexa.reports", "outcome", "dead_lettered");

		DeviceStateEvent event = publisher.change(plug, "powerState", "ON", ChangeSource.WEB);

		JsonNode delivery = awaitDelivery(event, "DEAD_LETTERED");
		assertThat(delivery.path("reason").asString()).contains("503 SERVICE_UNAVAILABLE_EXCEPTION")
			.contains("4 attempts");
		assertThat(delivery.path("attempts").asInt()).isEqualTo(4);
		assertThat(delivery.path("answers")).hasSize(4);
		assertThat(delivery.path("report").at("/event/endpoint/scope/token").asString()).isEqualTo("(redacted)");
		assertThat(na.reportsOf(plug)).hasSize(4);
		assertThat(count("virtdevice.alexa.reports", "outcome", "dead_lettered")).isEqualTo(deadLettered + 1);
		JsonNode deadLetters = json(
				call("GET", "/api/alexa/deliveries?outcome=DEAD_LETTERED&deviceId=" + plug, opsToken(), null).body());
		assertThat(deadLetters.path("items")).hasSize(1);
	}

	@Test
	void aSlowGatewayForOneUserDoesNotDelayAnother() {
		String slowUser = unique("user");
		String quickUser = unique("user");
		link(slowUser, Region.NA);
		link(quickUser, Region.NA);
		String slowPlug = device(slowUser, Map.of("powerState", "OFF"));
		String quickPlug = device(quickUser, Map.of("powerState", "OFF"));
		na.script(codeOf(slowUser), Response.status(202).delayedBy(Duration.ofSeconds(6)));

		DeviceStateEvent slow = publisher.change(slowPlug, "powerState", "ON", ChangeSource.WEB);
		await().atMost(Duration.ofSeconds(10)).until(() -> na.reportsOf(slowPlug).size() == 1);
		Instant quickChanged = Instant.now();
		publisher.change(quickPlug, "powerState", "ON", ChangeSource.WEB);

		RecordedRequest quick = awaitReports(na, quickPlug, 1).get(0);
		assertThat(Duration.between(quickChanged, quick.receivedAt())).isLessThan(Duration.ofSeconds(3));
		assertThat(deliveryOf(slow).path("outcome").asString()).isEqualTo("PENDING");
		awaitDelivery(slow, "SENT");
	}

	@Test
	void deliveriesAreForOperatorsOnly() {
		String query = "/api/alexa/deliveries?outcome=SENT";
		assertThat(call("GET", query, userToken(unique("user")), null).statusCode()).isEqualTo(403);
		assertThat(call("GET", query, null, null).statusCode()).isEqualTo(401);
		assertThat(call("GET", "/api/alexa/deliveries", opsToken(), null).statusCode()).isEqualTo(400);
		assertThat(call("GET", query + "&limit=9999", opsToken(), null).statusCode()).isEqualTo(400);
		assertThat(call("GET", "/api/alexa/deliveries?eventId=not-a-uuid", opsToken(), null).statusCode())
			.isEqualTo(400);
		assertThat(call("GET", query, opsToken(), null).statusCode()).isEqualTo(200);
	}

	private JsonNode awaitDelivery(DeviceStateEvent event, String outcome) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> outcome.equals(deliveryOf(event).path("outcome").asString()));
		return deliveryOf(event);
	}

	private JsonNode deliveryOf(DeviceStateEvent event) {
		String body = call("GET", "/api/alexa/deliveries?eventId=" + event.eventId(), opsToken(), null).body();
		return json(body).path("items").path(0);
	}

	private boolean isLinked(String user) {
		return json(call("GET", "/api/alexa/grants/me", userToken(user), null).body()).path("linked").asBoolean();
	}

}
