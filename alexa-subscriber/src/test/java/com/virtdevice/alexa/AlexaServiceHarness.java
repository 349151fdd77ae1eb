package com.virtdevice.alexa;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.virtdevice.alexa.grant.Region;
import com.virtdevice.support.events.EventStream;
import com.virtdevice.testsupport.CountedStatements;
import com.virtdevice.testsupport.FakePublisher;
import com.virtdevice.testsupport.RealInfrastructure;
import com.virtdevice.testsupport.RecordedRequest;
import com.virtdevice.testsupport.TestInfrastructure;
import com.virtdevice.testsupport.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running service against real Redis and PostgreSQL, with local fakes of Login with
 * Amazon, the three regional Event Gateways and the publisher. Every test class extending
 * it shares one Spring context; tests keep apart by using users and devices of their own.
 */
@SpringBootTest(classes = AlexaSubscriberApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(CountedStatements.class)
@RealInfrastructure
abstract class AlexaServiceHarness {

	static final String TENANT = "tenant-1";

	static final String NAMESPACE = TestInfrastructure.newChannelNamespace();

	static final FakeLwa lwa = new FakeLwa();

	static final FakeGateway na = new FakeGateway();

	static final FakeGateway eu = new FakeGateway();

	static final FakeGateway fe = new FakeGateway();

	static final FakePublisher publisher = FakePublisher.start(TestInfrastructure.redisUrl(), NAMESPACE);

	static final String ENCRYPTION_KEY = Base64.getEncoder().encodeToString(new byte[32]);

	private static final HttpClient client = HttpClient.newHttpClient();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	EventStream stream;

	@LocalServerPort
	int port;

	/**
	 * Events published before the subscription is live would only come with the next
	 * catch-up.
	 */
	@BeforeEach
	void subscribed() {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.stream.isSubscribed() && this.stream.isRunning());
	}

	@DynamicPropertySource
	static void fakes(DynamicPropertyRegistry registry) {
		registry.add("virtdevice.redis.channel-namespace", () -> NAMESPACE);
		registry.add("virtdevice.publisher.url", publisher::baseUrl);
		registry.add("virtdevice.alexa.lwa-token-url", lwa::url);
		registry.add("virtdevice.alexa.event-gateway.na", na::url);
		registry.add("virtdevice.alexa.event-gateway.eu", eu::url);
		registry.add("virtdevice.alexa.event-gateway.fe", fe::url);
		registry.add("virtdevice.alexa.client-id", () -> "amzn1.application-oa2-client.test");
		registry.add("virtdevice.alexa.client-secret", () -> "test-client-secret");
		registry.add("virtdevice.alexa.token-encryption-key", () -> ENCRYPTION_KEY);
		registry.add("virtdevice.alexa.retry.multiplier", () -> "1.0");
		registry.add("virtdevice.alexa.retry.jitter", () -> "0.2");
	}

	static String unique(String prefix) {
		return prefix + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
	}

	static String userToken(String userId) {
		return TestTokens.forUser(userId, TENANT).scopes("devices:read", "devices:write", "events:read").sign();
	}

	static String opsToken() {
		return TestTokens.forUser("operator", TENANT).scopes("ops:read").sign();
	}

	/** The AcceptGrant code the fakes associate with a user's tokens. */
	static String codeOf(String userId) {
		return "code-" + userId;
	}

	/** Links the user through the API, as the skill would after AcceptGrant. */
	void link(String userId, Region region) {
		HttpResponse<String> response = call("POST", "/api/alexa/grants", userToken(userId),
				"{\"code\":\"" + codeOf(userId) + "\",\"region\":\"" + region + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	/** A device of the user, known to the publisher with these properties. */
	static String device(String userId, Map<String, String> properties) {
		String id = unique("dev");
		publisher.device(id, userId, TENANT, "Device " + id, "LIGHT", properties);
		return id;
	}

	HttpResponse<String> call(String method, String path, @Nullable String token, @Nullable String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static JsonNode json(String body) {
		return JsonMapper.shared().readTree(body);
	}

	/** Waits until the gateway has exactly {@code count} reports of the device. */
	static List<RecordedRequest> awaitReports(FakeGateway gateway, String deviceId, int count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> gateway.reportsOf(deviceId).size() >= count);
		List<RecordedRequest> reports = gateway.reportsOf(deviceId);
		assertThat(reports).hasSize(count);
		return reports;
	}

	double count(String name, String... tags) {
		Counter counter = this.meters.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
