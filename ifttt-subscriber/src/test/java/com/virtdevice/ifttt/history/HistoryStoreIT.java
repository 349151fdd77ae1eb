package com.virtdevice.ifttt.history;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventType;
import com.virtdevice.ifttt.history.HistoryStore.PropertyGroup;
import com.virtdevice.ifttt.history.HistoryStore.UserKey;
import com.virtdevice.testsupport.TestDatabase;
import com.virtdevice.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The history store against a real PostgreSQL with the service's migrations. */
class HistoryStoreIT {

	private static HistoryStore store;

	private long sequence;

	@BeforeAll
	static void migrate() {
		TestDatabase database = TestInfrastructure.newDatabase();
		DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
				database.password());
		Flyway.configure().dataSource(dataSource).schemas("ifttt").defaultSchema("ifttt").load().migrate();
		store = new HistoryStore(new JdbcTemplate(dataSource));
	}

	@Test
	void storesEachEventIdOnce() {
		DeviceStateEvent change = change("u-once", "lamp", "powerState");
		DeviceStateEvent redelivered = DeviceStateEvent.propertyChanged(change.eventId(), change.sequence() + 100,
				"lamp", "u-once", "t1", "powerState", null, "ON", ChangeSource.WEB, Instant.now());

		assertThat(store.insertNew(List.of(change))).containsExactly(change);
		assertThat(store.insertNew(List.of(redelivered, change("u-once", "lamp", "powerState")))).hasSize(1);
		assertThat(store.newest(new HistoryQuery("u-once", "t1", null, null, 10))).hasSize(2);
	}

	@Test
	void keepsTheNewestPerPropertyAndThenPerUser() {
		for (int i = 0; i < 5; i++) {
			store.insertNew(List.of(change("u-bound", "lamp", "powerState"), change("u-bound", "lamp", "brightness"),
					change("u-bound", "plug", "powerState"), change("u-other", "lamp", "powerState")));
		}

		store.keepNewestPerProperty(Set.of(new PropertyGroup("t1", "u-bound", "lamp", "powerState"),
				new PropertyGroup("t1", "u-bound", "lamp", "brightness"),
				new PropertyGroup("t1", "u-bound", "plug", "powerState")), 3);
		store.keepNewestPerUser(Set.of(new UserKey("t1", "u-bound")), 7);

		List<StoredChange> kept = store.newest(new HistoryQuery("u-bound", "t1", null, null, 100));
		assertThat(kept).hasSize(7);
		assertThat(store.newest(new HistoryQuery("u-bound", "t1", "lamp", "powerState", 100))).hasSize(2);
		assertThat(store.newest(new HistoryQuery("u-bound", "t1", "plug", null, 100))).hasSize(3);
		assertThat(store.newest(new HistoryQuery("u-other", "t1", null, null, 100))).as("other users untouched")
			.hasSize(5);
	}

	@Test
	void keepsTheBoundsOfAUserWithinItsTenantOnly() {
		for (int i = 0; i < 5; i++) {
			store.insertNew(List.of(change("t-a", "alice", "lamp", "powerState"),
					change("t-b", "alice", "lamp", "powerState")));
		}

		store.keepNewestPerProperty(Set.of(new PropertyGroup("t-b", "alice", "lamp", "powerState")), 3);
		assertThat(store.newest(new HistoryQuery("alice", "t-b", null, null, 100))).hasSize(3);
		store.keepNewestPerUser(Set.of(new UserKey("t-b", "alice")), 1);

		assertThat(store.newest(new HistoryQuery("alice", "t-b", null, null, 100))).hasSize(1);
		assertThat(store.newest(new HistoryQuery("alice", "t-a", null, null, 100)))
			.as("the same user id in another tenant is another user")
			.hasSize(5);
	}

	@Test
	void forgetsADeletedDeviceOfItsOwnerOnly() {
		store.insertNew(List.of(change("t-a", "bob", "shared-id", "powerState"),
				change("t-b", "bob", "shared-id", "powerState"), change("t-b", "bob", "other", "powerState")));

		int deleted = store.deleteDevices(List.of(DeviceStateEvent.lifecycle(EventType.DEVICE_DELETED,
				UUID.randomUUID(), ++this.sequence, "shared-id", "bob", "t-b", ChangeSource.WEB, Instant.now())));

		assertThat(deleted).isEqualTo(1);
		assertThat(store.newest(new HistoryQuery("bob", "t-b", null, null, 100))).extracting(StoredChange::deviceId)
			.containsExactly("other");
		assertThat(store.newest(new HistoryQuery("bob", "t-a", null, null, 100))).hasSize(1);
	}

	@Test
	void insertsABatchInOneStatementAndAnswersWhichChangesWereNew() {
		DeviceStateEvent known = change("u-batch", "lamp", "powerState");
		store.insertNew(List.of(known));
		List<DeviceStateEvent> batch = List.of(change("u-batch", "lamp", "brightness"), known,
				change("u-batch", "plug", "powerState"));

		assertThat(store.insertNew(batch)).containsExactly(batch.get(0), batch.get(2));
		assertThat(store.newest(new HistoryQuery("u-batch", "t1", null, null, 10))).hasSize(3);
	}

	@Test
	void remembersTheStreamPosition() {
		store.savePosition(41);
		store.savePosition(42);

		assertThat(store.position()).isEqualTo(OptionalLong.of(42));
	}

	private DeviceStateEvent change(String user, String device, String property) {
		return change("t1", user, device, property);
	}

	private DeviceStateEvent change(String tenant, String user, String device, String property) {
		return DeviceStateEvent.propertyChanged(UUID.randomUUID(), ++this.sequence, device, user, tenant, property,
				null, "v" + this.sequence, ChangeSource.WEB, Instant.now());
	}

}
