package com.virtdevice.ifttt.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.ifttt.IftttProperties;
import com.virtdevice.support.events.ReplayPage;
import com.virtdevice.support.events.StreamedEvent;
import com.virtdevice.testsupport.TestDatabase;
import com.virtdevice.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
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
 * The history writer on its own against a real PostgreSQL: the stream hands it events
 * faster than it writes, or while the database is down.
 */
class HistoryWriterIT {

	private final EventCodec codec = new EventCodec();

	private final List<DeviceStateEvent> published = new CopyOnWriteArrayList<>();

	private final List<DeviceStateEvent> handedOn = new CopyOnWriteArrayList<>();

	private final AtomicBoolean databaseDown = new AtomicBoolean();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

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

	@AfterEach
	void stopWriter() {
		this.writer.stop();
	}

	@Test
	void readsWhatAFullBufferDroppedBackFromTheReplayApiInOrder() {
		this.writer = writer(Map.of("virtdevice.ifttt.history.queue-capacity", "2"));
		assertThat(this.writer.lastHandledSequence()).isEmpty();
		List<DeviceStateEvent> events = publish(20);

		events.forEach((event) -> this.writer.onEvent(streamed(event)));
		this.writer.start();

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handedOn.size() == 20);
		assertThat(this.handedOn).containsExactlyElementsOf(events);
		assertThat(this.meters.counter("virtdevice.ifttt.history.overflow").count()).isEqualTo(18);
		assertThat(this.meters.counter("virtdevice.ifttt.history.refilled").count()).isEqualTo(18);
		assertThat(this.store.position()).isEqualTo(OptionalLong.of(20));
	}

	@Test
	void keepsTheEventsAndRetriesWhileTheDatabaseIsDown() {
		this.writer = writer(Map.of());
		this.writer.start();
		this.databaseDown.set(true);
		List<DeviceStateEvent> events = publish(3);

		events.forEach((event) -> this.writer.onEvent(streamed(event)));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.meters.counter("virtdevice.ifttt.history.write.failures").count() >= 2);
		assertThat(this.handedOn).isEmpty();
		this.databaseDown.set(false);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.handedOn.size() == 3);
		assertThat(this.handedOn).containsExactlyElementsOf(events);
		assertThat(this.writer.lastHandledSequence()).isEqualTo(OptionalLong.of(3));
	}

	@Test
	void handsOnlyNewChangesOnAndStartsFromTheOldestEventOnlyWhenAskedTo() {
		this.writer = writer(Map.of("virtdevice.ifttt.history.start-from-oldest", "true"));
		assertThat(this.writer.lastHandledSequence()).isEqualTo(OptionalLong.of(0));
		this.writer.start();
		List<DeviceStateEvent> events = publish(2);
		DeviceStateEvent again = DeviceStateEvent.propertyChanged(events.get(0).eventId(), 3, "lamp", "u1", "t1",
				"powerState", null, "1", ChangeSource.WEB, Instant.now());

		events.forEach((event) -> this.writer.onEvent(streamed(event)));
		this.writer.onEvent(streamed(again));

		await().atMost(Duration.ofSeconds(30)).until(() -> this.writer.position() == 3);
		assertThat(this.handedOn).containsExactlyElementsOf(events);
		assertThat(this.meters.counter("virtdevice.ifttt.history.duplicates").count()).isEqualTo(1);
	}

	private HistoryWriter writer(Map<String, String> settings) {
		IftttProperties properties = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("virtdevice.ifttt", IftttProperties.class);
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		return new HistoryWriter(this.store, transactions, this::replay, this.handedOn::addAll, properties,
				this.meters);
	}

	private List<DeviceStateEvent> publish(int count) {
		List<DeviceStateEvent> events = LongStream.rangeClosed(1, count)
			.mapToObj((sequence) -> DeviceStateEvent.propertyChanged(UUID.randomUUID(), sequence, "lamp", "u1", "t1",
					"powerState", null, Long.toString(sequence), ChangeSource.WEB, Instant.now()))
			.toList();
		this.published.addAll(events);
		return events;
	}

	private StreamedEvent streamed(DeviceStateEvent event) {
		return new StreamedEvent(event, this.codec.encode(event), false);
	}

	private ReplayPage replay(long after, int limit) {
		List<DeviceStateEvent> items = this.published.stream()
			.filter((event) -> event.sequence() > after)
			.limit(limit)
			.toList();
		return new ReplayPage(items, after + items.size(), this.published.size());
	}

}
