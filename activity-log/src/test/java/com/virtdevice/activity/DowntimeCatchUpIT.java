package com.virtdevice.activity;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.virtdevice.events.BusRole;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.testsupport.FakePublisher;
import com.virtdevice.testsupport.TestDatabase;
import com.virtdevice.testsupport.TestInfrastructure;
import com.virtdevice.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service started, stopped and started again as a process would be, against one
 * database: a fresh install imports what the publisher retains, a restart fetches what
 * was published while it was down, and a database that cannot keep up slows the stream
 * down without losing or doubling a row.
 */
class DowntimeCatchUpIT {

	private final String namespace = TestInfrastructure.newChannelNamespace();

	private final TestDatabase database = TestInfrastructure.newDatabase();

	private final JdbcClient jdbc = JdbcClient.create(
			new DriverManagerDataSource(this.database.jdbcUrl(), this.database.username(), this.database.password()));

	@Test
	void importsTheRetainedEventsOnAFreshInstallAndWhatItMissedWhileItWasDown() {
		try (FakePublisher publisher = FakePublisher.start(TestInfrastructure.redisUrl(), this.namespace)) {
			publisher.device("lamp", "alice", "acme", "Lamp", "LIGHT", Map.of("level", "0"));
			List<DeviceStateEvent> expected = new ArrayList<>();
			for (int i = 1; i <= 10; i++) {
				expected.add(publisher.recordOnly("lamp", "level", Integer.toString(i), ChangeSource.API));
			}
			try (ConfigurableApplicationContext service = start(publisher)) {
				await().atMost(Duration.ofSeconds(30)).until(() -> storedSequences().size() == 10);
			}

			for (int i = 11; i <= 1010; i++) {
				expected.add(publisher.recordOnly("lamp", "level", Integer.toString(i), ChangeSource.WEB));
			}
			insertExpiredRows(3);
			try (ConfigurableApplicationContext service = start(publisher)) {
				await().atMost(Duration.ofSeconds(60)).until(() -> storedSequences().size() == 1010);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> this.jdbc.sql(
							"select count(*) from activity.activity_log where occurred_at < now() - interval '365 days'")
						.query(Long.class)
						.single() == 0);
			}

			assertThat(storedSequences()).containsExactlyElementsOf(sequencesOf(expected));
			assertThat(storedEventIds())
				.containsExactlyElementsOf(expected.stream().map(DeviceStateEvent::eventId).toList());
		}
	}

	@Test
	void aDatabaseThatCannotKeepUpHoldsTheStreamBackAndTheOverflowComesFromTheReplayApi() throws Exception {
		try (FakePublisher publisher = FakePublisher.start(TestInfrastructure.redisUrl(), this.namespace);
				ConfigurableApplicationContext service = start(publisher, "--virtdevice.activity.writer.batch-size=2",
						"--virtdevice.events.queue-capacity=10");
				Connection blocker = this.database.connect()) {
			publisher.device("plug", "bob", "acme", "Plug", "PLUG", Map.of("powerState", "OFF"));
			MeterRegistry meters = service.getBean(MeterRegistry.class);
			awaitSubscribed(publisher);
			long before = storedSequences().size();

			blocker.setAutoCommit(false);
			try (Statement lock = blocker.createStatement()) {
				// Reads go on; every insert waits for this transaction.
				lock.execute("lock table activity.activity_log in share mode");
			}
			List<DeviceStateEvent> expected = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				expected.add(publisher.change("plug", "powerState", (i % 2 == 0) ? "ON" : "OFF", ChangeSource.API));
			}
			await().atMost(Duration.ofSeconds(30))
				.until(() -> meters.counter("virtdevice.events.overflow").count() > 0);
			assertThat(storedSequences()).hasSize((int) before);
			blocker.commit();

			await().atMost(Duration.ofSeconds(60)).until(() -> storedSequences().size() == before + 200);
			assertThat(storedEventIds()).containsAll(expected.stream().map(DeviceStateEvent::eventId).toList())
				.doesNotHaveDuplicates();
			assertThat(meters.counter("virtdevice.events.delivered", "from", "replay").count()).isPositive();
		}
	}

	/** The whole service as its own application, as {@code java -jar} would run it. */
	private ConfigurableApplicationContext start(FakePublisher publisher, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=" + this.database.jdbcUrl(),
				"--spring.datasource.username=" + this.database.username(),
				"--spring.datasource.password=" + this.database.password(),
				"--spring.data.redis.url=" + TestInfrastructure.redis()
					.urlFor(BusRole.DEVICE_SUBSCRIBER, Channels.namespaced(this.namespace)),
				"--virtdevice.redis.channel-namespace=" + this.namespace,
				"--virtdevice.security.jwt.secret=" + TestTokens.SECRET,
				"--virtdevice.publisher.url=" + publisher.baseUrl(), "--virtdevice.events.catch-up-interval=1s",
				"--virtdevice.activity.retention.initial-delay=0s", "--virtdevice.activity.retention.interval=1s"));
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(ActivityLogApplication.class).run(arguments.toArray(String[]::new));
	}

	/**
	 * Publishes a first event until it is stored: the subscription is live after that.
	 */
	private void awaitSubscribed(FakePublisher publisher) {
		DeviceStateEvent first = publisher.change("plug", "powerState", "ON", ChangeSource.API);
		await().atMost(Duration.ofSeconds(30)).until(() -> storedEventIds().contains(first.eventId()));
	}

	private void insertExpiredRows(int count) {
		for (int i = 0; i < count; i++) {
			this.jdbc.sql("""
					insert into activity.activity_log (id, event_id, sequence, tenant_id, user_id, device_id, action,
					    source, details, occurred_at, recorded_at)
					values (nextval('activity.activity_log_id_seq'), :eventId, 0, 'acme', 'alice', 'old-lamp',
					    'device_deleted', 'api', cast(:details as jsonb), :occurredAt, :occurredAt)
					""")
				.param("eventId", UUID.randomUUID())
				.param("details", "{\"property\":null,\"oldValue\":null,\"newValue\":null}")
				.param("occurredAt", Instant.now().minus(Duration.ofDays(400)).atOffset(ZoneOffset.UTC))
				.update();
		}
	}

	private List<Long> storedSequences() {
		return this.jdbc.sql("select sequence from activity.activity_log where sequence > 0 order by sequence")
			.query(Long.class)
			.list();
	}

	private List<UUID> storedEventIds() {
		return this.jdbc.sql("select event_id from activity.activity_log where sequence > 0 order by sequence")
			.query(UUID.class)
			.list();
	}

	private static List<Long> sequencesOf(List<DeviceStateEvent> events) {
		return events.stream().map(DeviceStateEvent::sequence).toList();
	}

}
