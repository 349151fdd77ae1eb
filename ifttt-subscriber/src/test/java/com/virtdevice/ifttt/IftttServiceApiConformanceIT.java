package com.virtdevice.ifttt;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.support.events.EventStream;
import com.virtdevice.testsupport.RecordingHttpServer.Response;
import com.virtdevice.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every kind of answer the service gives IFTTT, checked against IFTTT's own OpenAPI
 * definition of the service API (the shared reference {@code service-api.yaml}; skipped
 * when that file is not around).
 */
class IftttServiceApiConformanceIT extends IftttServiceTestBase {

	private static final String TRIGGER = "/ifttt/v1/triggers/{stepSlug}";

	private static IftttServiceApi api;

	@Autowired
	EventStream stream;

	@BeforeAll
	static void loadIftttsDefinition() {
		Optional<IftttServiceApi> found = IftttServiceApi.find();
		assumeTrue(found.isPresent(), "IFTTT's service-api.yaml (shared/reference/ifttt) is not available: "
				+ "skipping the checks against IFTTT's OpenAPI definition");
		api = found.get();
	}

	@Test
	void triggerEventsConform() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");
		changeAndStore(lamp, "powerState", "ON", ChangeSource.WEB);
		changeAndStore(lamp, "brightness", "40", ChangeSource.ALEXA);
		String unnamed = newDevice(user, "Unnamed");
		publisher.http().respond("/api/devices/" + unnamed, Response.json(404, "{}"));
		changeAndStore(unnamed, "powerState", "ON", ChangeSource.API);

		HttpResponse<String> response = poll(tokenFor(user), TriggerEndpointIT.body("id-" + user, "{}", null));

		assertThat(json(response).path("data").size()).isEqualTo(3);
		assertThat(json(response).path("data").get(0).has("device_name")).as("unknown name left out").isFalse();
		assertConforms(TRIGGER, "post", response);
	}

	@Test
	void emptyTriggerAnswersConform() {
		assertConforms(TRIGGER, "post", poll(tokenFor(newUser()), TriggerEndpointIT.body("id", "{}", 0)));
	}

	@Test
	void triggerErrorsConform() {
		String token = tokenFor(newUser());

		assertConforms(TRIGGER, "post", poll(token, "{\"trigger_identity\":\"x\",\"triggerFields\":{},\"limit\":-1}"));
		assertConforms(TRIGGER, "post", poll(token, "{broken"));
		assertConforms(TRIGGER, "post", poll("not-a-token", TriggerEndpointIT.body("id", "{}", null)));
		assertConforms(TRIGGER, "post",
				send(HttpRequest.newBuilder(uri("/ifttt/v1/triggers/unknown"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(TriggerEndpointIT.body("id", "{}", null)))));
	}

	@Test
	void userInfoConforms() {
		String user = newUser();

		assertConforms("/ifttt/v1/user/info", "get", send(HttpRequest.newBuilder(uri("/ifttt/v1/user/info"))
			.header("Authorization", "Bearer " + TestTokens.forUser(user, TENANT).sign())));
		assertConforms("/ifttt/v1/user/info", "get", send(HttpRequest.newBuilder(uri("/ifttt/v1/user/info"))));
	}

	@Test
	void statusConformsWhenHealthyUnhealthyAndRefused() {
		HttpRequest.Builder status = HttpRequest.newBuilder(uri("/ifttt/v1/status"))
			.header("IFTTT-Service-Key", SERVICE_KEY);
		assertConforms("/ifttt/v1/status", "get", send(status));
		// IFTTT's definition lists no 401 for /status, but IFTTT's endpoint tests expect
		// one
		// for a wrong service key: its body is checked against ErrorResponse instead.
		HttpResponse<String> refused = send(
				HttpRequest.newBuilder(uri("/ifttt/v1/status")).header("IFTTT-Service-Key", "wrong"));
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(api.errorBodyProblems(refused.body())).isEmpty();
		this.stream.stop();
		try {
			HttpResponse<String> unavailable = send(status);

			assertThat(unavailable.statusCode()).as("while the event stream is stopped").isEqualTo(503);
			assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
			assertConforms("/ifttt/v1/status", "get", unavailable);
		}
		finally {
			this.stream.start();
		}
		assertThat(send(status).statusCode()).isEqualTo(200);
	}

	@Test
	void testSetupConforms() {
		assertConforms("/ifttt/v1/test/setup", "post",
				send(HttpRequest.newBuilder(uri("/ifttt/v1/test/setup"))
					.header("IFTTT-Service-Key", SERVICE_KEY)
					.POST(HttpRequest.BodyPublishers.noBody())));
		assertConforms("/ifttt/v1/test/setup", "post",
				send(HttpRequest.newBuilder(uri("/ifttt/v1/test/setup"))
					.header("IFTTT-Service-Key", "wrong")
					.POST(HttpRequest.BodyPublishers.noBody())));
	}

	private static void assertConforms(String path, String method, HttpResponse<String> response) {
		assertThat(api.problems(path, method, response.statusCode(), response.body()))
			.as("%s %s answered %s: %s", method, path, response.statusCode(), response.body())
			.isEmpty();
	}

}
