package com.virtdevice.ifttt.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.ifttt.IftttProperties;
import com.virtdevice.ifttt.identity.TriggerIdentities;
import com.virtdevice.testsupport.RecordingHttpServer;
import com.virtdevice.testsupport.RecordingHttpServer.Response;
import com.virtdevice.testsupport.TestDatabase;
import com.virtdevice.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Realtime notifier's settings, against a local stand-in for IFTTT: which changes
 * notify, how many attempts a batch gets, how many may wait for a retry.
 */
class RealtimeNotifierIT {

	private static final String PATH = "/v1/notifications";

	private static TriggerIdentities identities;

	private final RecordingHttpServer ifttt = RecordingHttpServer.start();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private RealtimeNotifier notifier;

	@BeforeAll
	static void migrate() {
		TestDatabase database = TestInfrastructure.newDatabase();
		DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
				database.password());
		Flyway.configure().dataSource(dataSource).schemas("ifttt").defaultSchema("ifttt").load().migrate();
		identities = new TriggerIdentities(JdbcClient.create(dataSource));
	}

	@AfterEach
	void stop() {
		if (this.notifier != null) {
			this.notifier.stop();
		}
		this.ifttt.close();
	}

	@Test
	void changesMadeByIftttDoNotNotifyWhenSwitchedOff() {
		this.notifier = notifier(Map.of("virtdevice.ifttt.realtime.notify-ifttt-changes", "false"));

		this.notifier.stored(List.of(change("by-ifttt", ChangeSource.IFTTT), change("by-web", ChangeSource.WEB)));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.ifttt.requests(PATH).size() == 1);
		assertThat(this.ifttt.requests(PATH).get(0).bodyAsString())
			.isEqualTo("{\"data\":[{\"user_id\":\"t1:by-web\"}]}");
	}

	@Test
	void givesUpOnABatchAfterTheConfiguredAttempts() {
		this.ifttt.respond(PATH, Response.status(503));
		this.notifier = notifier(Map.of("virtdevice.ifttt.realtime.max-attempts", "2"));

		this.notifier.stored(List.of(change("u1", ChangeSource.WEB)));

		await().atMost(Duration.ofSeconds(10)).until(() -> count("batches", "outcome", "failed") == 1);
		assertThat(this.ifttt.requests(PATH)).hasSize(2);
		assertThat(this.notifier.consecutiveFailures()).isEqualTo(2);
	}

	@Test
	void retriesAThrottledBatchAfterTheAskedPause() {
		this.ifttt.enqueue(PATH, new Response(429, "", Map.of("Retry-After", "0"), Duration.ZERO));
		this.notifier = notifier(Map.of());

		this.notifier.stored(List.of(change("u1", ChangeSource.WEB)));

		await().atMost(Duration.ofSeconds(10)).until(() -> count("notified", "kind", "user_id") == 1);
		assertThat(this.ifttt.requests(PATH)).hasSize(2);
	}

	@Test
	void dropsBatchesWhenTooManyAlreadyWaitForARetry() {
		this.ifttt.respond(PATH, Response.status(502));
		this.notifier = notifier(Map.of("virtdevice.ifttt.realtime.max-pending-batches", "1",
				"virtdevice.ifttt.realtime.max-batch-size", "1", "virtdevice.ifttt.realtime.initial-backoff", "1h",
				"virtdevice.ifttt.realtime.max-backoff", "1h"));

		this.notifier.stored(List.of(change("u1", ChangeSource.WEB), change("u2", ChangeSource.WEB),
				change("u3", ChangeSource.WEB)));

		await().atMost(Duration.ofSeconds(10)).until(() -> count("batches", "outcome", "dropped") == 2);
		assertThat(this.notifier.waitingRetries()).isEqualTo(1);
	}

	@Test
	void sendsNothingWithoutAServiceKey() {
		Map<String, String> settings = new HashMap<>(base());
		settings.remove("virtdevice.ifttt.service-key");
		this.notifier = create(settings);

		this.notifier.stored(List.of(change("u1", ChangeSource.WEB)));

		assertThat(this.notifier.isEnabled()).isFalse();
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.ifttt.requests().isEmpty());
	}

	private RealtimeNotifier notifier(Map<String, String> settings) {
		Map<String, String> all = new HashMap<>(base());
		all.putAll(settings);
		return create(all);
	}

	private Map<String, String> base() {
		return Map.of("virtdevice.ifttt.service-key", "key", "virtdevice.ifttt.realtime-url", this.ifttt.url(PATH),
				"virtdevice.ifttt.realtime.initial-backoff", "20ms", "virtdevice.ifttt.realtime.window", "20ms");
	}

	private RealtimeNotifier create(Map<String, String> settings) {
		IftttProperties properties = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("virtdevice.ifttt", IftttProperties.class);
		RealtimeNotifier created = new RealtimeNotifier(properties, identities, RestClient.builder(),
				JsonMapper.shared(), this.meters);
		created.start();
		return created;
	}

	private double count(String name, String tag, String value) {
		var counter = this.meters.find("virtdevice.ifttt.realtime." + name).tag(tag, value).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static DeviceStateEvent change(String user, ChangeSource source) {
		return DeviceStateEvent.propertyChanged(UUID.randomUUID(), 1, "lamp", user, "t1", "powerState", null, "ON",
				source, Instant.now());
	}

}
