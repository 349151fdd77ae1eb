package com.virtdevice.ifttt.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.ifttt.IftttProperties;
import com.virtdevice.support.events.StreamedEvent;
import com.virtdevice.testsupport.TestDatabase;
import com.virtdevice.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The history writer on its own against a real PostgreSQL: batches as the stream hands
 * them over, bounds kept once an interval, and the database down meanwhile.
 */
class HistoryWriterIT {

	private final EventCodec codec = new EventCodec();

	private final List<DeviceStateEvent> handedOn = new CopyOnWriteArrayList<>();

	private final List<Integer> handOns = new CopyOnWriteArrayList<>();

	private final AtomicBoolean databaseDown = new AtomicBoolean();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private long lastSequence;

	private DataSource dataSource;

	private HistoryStore store;

	private HistoryWriter writer;

	@BeforeEach
	void freshDatabase() {
		TestDatabase database = TestInfrastructure.newDatabase();
		DataSource real = new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
		Flyway.configure().dataSource(real).schemas("ifttt").defaultSchema("ifttt").load().migrate();
		this.dataSource = new DelegatingDataSource(real) {
			@Override
			public Connection getConnection() throws SQLException {
				if (HistoryWriterIT.this.databaseDown.get()) {
					throw new SQLException("Connection refused (test outage)", "08001");
				}
				return super.getConnection();
			}
		};
		this.store = new HistoryStore(new JdbcTemplate(this.dataSource));
	}

	@Test
	void writesEachHandedOverBatchInOneTransactionAndHandsTheNewChangesOn() {
		this.writer = writer(Map.of("virtdevice.ifttt.history.batch-size", "8"));
		assertThat(this.writer.lastHandledSequence()).isEmpty();
		List<DeviceStateEvent> events = publish(20);

		this.writer.onEvents(streamed(events));

		assertThat(this.handedOn).containsExactlyElementsOf(events);
		assertThat(this.handOns).containsExactly(8, 8, 4);
		assertThat(this.store.position()).isEqualTo(OptionalLong.of(20));
		assertThat(this.writer.position()).isEqualTo(20);
	}

	@Test
	void keepsThePerUserBoundOnceATrimIntervalNotForEveryBatch() {
		this.writer = writer(
				Map.of("virtdevice.ifttt.history.per-user", "50", "virtdevice.ifttt.history.trim-interval", "1h"));

		for (int i = 0; i < 60; i++) {
			this.writer.onEvents(streamed(List.of(change("lamp-" + i))));
		}

		assertThat(this.store.newest(new HistoryQuery("u1", "t1", null, null, 500)))
			.as("trimmed at the first write only; within the hour the bound may be exceeded")
			.hasSize(60);
	}

	@Test
	void keepsThePerUserBoundAtTheFirstWriteAfterEachTrimInterval() {
		this.writer = writer(
				Map.of("virtdevice.ifttt.history.per-user", "50", "virtdevice.ifttt.history.trim-interval", "0s"));

		for (int i = 0; i < 60; i++) {
			this.writer.onEvents(streamed(List.of(change("lamp-" + i))));
		}

		assertThat(this.store.newest(new HistoryQuery("u1", "t1", null, null, 500))).hasSize(50);
	}

	@Test
	void holdsTheStreamAndRetriesWhileTheDatabaseIsDown() {
		this.writer = writer(Map.of());
		this.databaseDown.set(true);
		List<DeviceStateEvent> events = publish(3);

		CompletableFuture<Void> handed = CompletableFuture.runAsync(() -> this.writer.onEvents(streamed(events)));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.meters.counter("virtdevice.ifttt.history.write.failures").count() >= 2);
		assertThat(this.handedOn).isEmpty();
		assertThat(handed).as("the stream waits").isNotDone();
		this.databaseDown.set(false);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handedOn.size() == 3);
		assertThat(this.handedOn).containsExactlyElementsOf(events);
		assertThat(this.writer.lastHandledSequence()).isEqualTo(OptionalLong.of(3));
	}

	@Test
	void handsOnlyNewChangesOnAndStartsFromTheOldestEventOnlyWhenAskedTo() {
		this.writer = writer(Map.of("virtdevice.ifttt.history.start-from-oldest", "true"));
		assertThat(this.writer.lastHandledSequence()).isEqualTo(OptionalLong.of(0));
		List<DeviceStateEvent> events = publish(2);
		DeviceStateEvent again = DeviceStateEvent.propertyChanged(events.get(0).eventId(), 3, "lamp", "u1", "t1",
				"powerState", null, "1", ChangeSource.WEB, Instant.now());

		this.writer.onEvents(streamed(events));
		this.writer.onEvents(streamed(List.of(again)));

		assertThat(this.writer.position()).isEqualTo(3);
		assertThat(this.handedOn).containsExactlyElementsOf(events);
		assertThat(this.meters.counter("virtdevice.ifttt.history.duplicates").count()).isEqualTo(1);
	}

	private HistoryWriter writer(Map<String, String> settings) {
		IftttProperties properties = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("virtdevice.ifttt", IftttProperties.class);
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		return new HistoryWriter(this.store, transactions, (changes) -> {
			this.handedOn.addAll(changes);
			this.handOns.add(changes.size());
		}, properties, this.meters);
	}

	/** The next event of the stream: a change of the device. */
	private DeviceStateEvent change(String device) {
		this.lastSequence++;
		return DeviceStateEvent.propertyChanged(UUID.randomUUID(), this.lastSequence, device, "u1", "t1", "powerState",
				null, "ON", ChangeSource.WEB, Instant.now());
	}

	/** The next {@code count} events of the stream. */
	private List<DeviceStateEvent> publish(int count) {
		List<DeviceStateEvent> events = LongStream.rangeClosed(this.lastSequence + 1, this.lastSequence + count)
			.mapToObj((sequence) -> DeviceStateEvent.propertyChanged(UUID.randomUUID(), sequence, "lamp", "u1", "t1",
					"powerState", null, Long.toString(sequence), ChangeSource.WEB, Instant.now()))
			.toList();
		this.lastSequence += count;
		return events;
	}

	private List<StreamedEvent> streamed(List<DeviceStateEvent> events) {
		return events.stream().map((event) -> new StreamedEvent(event, this.codec.encode(event), false)).toList();
	}

}
