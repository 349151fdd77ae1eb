package com.virtdevice.ifttt;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.virtdevice.events.BusRole;
import com.virtdevice.events.Channels;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.testsupport.FakePublisher;
import com.virtdevice.testsupport.RecordedRequest;
import com.virtdevice.testsupport.RecordingHttpServer;
import com.virtdevice.testsupport.TestDatabase;
import com.virtdevice.testsupport.TestInfrastructure;
import com.virtdevice.testsupport.TestTokens;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service stopped while changes happened: started again on the same database, it
 * reads them from the replay API where its history ends, serves them to IFTTT and
 * notifies IFTTT about them by the trigger identity it remembered.
 */
class DowntimeRecoveryIT {

	private static final String USER = "downtime-user";

	private static final String IDENTITY = "downtime-applet";

	private final String namespace = TestInfrastructure.newChannelNamespace();

	private final TestDatabase database = TestInfrastructure.newDatabase();

	private final FakePublisher publisher = FakePublisher.start(TestInfrastructure.redisUrl(), this.namespace);

	private final RecordingHttpServer ifttt = RecordingHttpServer.start();

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void stopFakes() {
		this.publisher.close();
		this.ifttt.close();
	}

	@Test
	void catchesUpOnChangesMadeWhileItWasDown() throws Exception {
		this.publisher.device("lamp", USER, "tenant-1", "Lamp", "LIGHT", Map.of("powerState", "OFF"));
		DeviceStateEvent before;
		try (ConfigurableApplicationContext first = start()) {
			before = this.publisher.change("lamp", "powerState", "ON", ChangeSource.WEB);
			await().atMost(Duration.ofSeconds(30)).until(() -> polledIds(first).size() == 1);
		}
		DeviceStateEvent during1 = this.publisher.change("lamp", "powerState", "OFF", ChangeSource.ALEXA);
		DeviceStateEvent during2 = this.publisher.change("lamp", "brightness", "30", ChangeSource.API);
		int notificationsBefore = this.ifttt.requests("/v1/notifications").size();
		int replayRequestsBefore = this.publisher.http().requests("/api/events").size();

		try (ConfigurableApplicationContext second = start()) {
			await().atMost(Duration.ofSeconds(30)).until(() -> polledIds(second).size() == 3);

			assertThat(polledIds(second)).containsExactly(during2.eventId().toString(), during1.eventId().toString(),
					before.eventId().toString());
			RecordedRequest resumed = this.publisher.http().requests("/api/events").get(replayRequestsBefore);
			assertThat(resumed.query()).startsWith("afterSequence=" + before.sequence() + "&");
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.ifttt.requests("/v1/notifications").size() > notificationsBefore);
			assertThat(this.ifttt.requests("/v1/notifications").get(notificationsBefore).bodyAsString())
				.as("by the trigger identity remembered before the restart")
				.isEqualTo("{\"data\":[{\"trigger_identity\":\"" + IDENTITY + "\"}]}");
		}
	}

	private ConfigurableApplicationContext start() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("spring.datasource.url", this.database.jdbcUrl());
		if (!this.database.username().isEmpty()) {
			properties.put("spring.datasource.username", this.database.username());
			properties.put("spring.datasource.password", this.database.password());
		}
		properties.put("spring.data.redis.url",
				TestInfrastructure.redis().urlFor(BusRole.DEVICE_SUBSCRIBER, Channels.namespaced(this.namespace)));
		properties.put("spring.lifecycle.timeout-per-shutdown-phase", "2s");
		properties.put("virtdevice.redis.channel-namespace", this.namespace);
		properties.put("virtdevice.security.jwt.secret", TestTokens.SECRET);
		properties.put("virtdevice.publisher.url", this.publisher.baseUrl());
		properties.put("virtdevice.ifttt.service-key", "downtime-key");
		properties.put("virtdevice.ifttt.realtime-url", this.ifttt.url("/v1/notifications"));
		properties.put("virtdevice.ifttt.history.start-from-oldest", "true");
		// As arguments: the hub's shared defaults outrank an application's default
		// properties.
		return new SpringApplicationBuilder(IftttSubscriberApplication.class).run(properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new));
	}

	private List<String> polledIds(ConfigurableApplicationContext context) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/ifttt/v1/triggers/device_property_changed"))
			.header("Authorization", "Bearer " + TestTokens.forUser(USER, "tenant-1").scopes("events:read").sign())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"trigger_identity\":\"" + IDENTITY + "\",\"triggerFields\":{},\"user\":{\"timezone\":\"UTC\"}}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		return JsonMapper.shared()
			.readTree(response.body())
			.path("data")
			.valueStream()
			.map((item) -> item.path("meta").path("id").asString())
			.toList();
	}

}
