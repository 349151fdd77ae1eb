package com.virtdevice.publisher.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventType;
import com.virtdevice.publisher.ApiClient;
import com.virtdevice.publisher.EventRecorder;
import com.virtdevice.publisher.EventRecorder.Received;
import com.virtdevice.publisher.PublisherIntegrationTest;
import com.virtdevice.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL run by hand on {@code publisher.device_properties} produces the same event as an
 * API call, once, and the seed's NOTIFY; API changes do not NOTIFY.
 */
@PublisherIntegrationTest
class SqlChangeIT {

	@LocalServerPort
	private int port;

	@Autowired
	private Channels channels;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DataSource dataSource;

	private EventRecorder recorder;

	private ApiClient alice;

	private final String aliceId = "alice-" + UUID.randomUUID();

	private String device;

	@BeforeEach
	void setUp() {
		this.recorder = new EventRecorder(TestInfrastructure.redisUrl(), this.channels.namespace());
		this.alice = ApiClient.user(this.port, this.aliceId, "acme");
		this.device = this.alice.createDevice("Lamp", "LIGHT", "{\"powerState\":\"ON\"}");
	}

	@AfterEach
	void tearDown() {
		this.recorder.close();
	}

	@Test
	void anUpdateByHandIsPublishedLikeAnApiCallWithSourceApi() {
		this.jdbc.update(
				"UPDATE publisher.device_properties SET value = 'OFF' WHERE device_id = ? AND name = 'powerState'",
				this.device);

		List<Received> published = this.recorder.await(this::changeOfDevice, 2);
		assertThat(published).extracting(Received::channel)
			.containsExactlyInAnyOrder(this.channels.deviceState(this.device), this.channels.userEvents(this.aliceId));
		DeviceStateEvent event = published.get(0).event();
		assertThat(event.property()).isEqualTo("powerState");
		assertThat(event.oldValue()).isEqualTo("ON");
		assertThat(event.newValue()).isEqualTo("OFF");
		assertThat(event.source()).isEqualTo(ChangeSource.API);
		assertThat(event.userId()).isEqualTo(this.aliceId);
		assertThat(event.tenantId()).isEqualTo("acme");
	}

	@Test
	void sqlMayNameItsSourceAndANoOpUpdatePublishesNothing() {
		this.jdbc
			.execute("UPDATE publisher.device_properties SET value = 'ON' WHERE device_id = '" + this.device + "'");
		this.jdbc.execute("BEGIN; SET LOCAL virtdevice.source = 'ifttt'; INSERT INTO publisher.device_properties "
				+ "(device_id, name, value) VALUES ('" + this.device + "', 'motion', 'DETECTED'); COMMIT;");

		DeviceStateEvent event = this.recorder.await(this::changeOfDevice, 2).get(0).event();
		assertThat(event.property()).isEqualTo("motion");
		assertThat(event.oldValue()).isNull();
		assertThat(event.source()).isEqualTo(ChangeSource.IFTTT);
	}

	@Test
	void emitsTheSeedsNotifyForSqlChangesButNotForApiChanges() throws Exception {
		List<String> payloads = notificationsDuring(() -> {
			this.alice.put("/api/devices/" + this.device + "/properties/powerState", "{\"value\":\"OFF\"}");
			this.recorder.await(this::changeOfDevice, 2);
			this.jdbc.update("UPDATE publisher.device_properties SET value = 'ON' WHERE device_id = ? "
					+ "AND name = 'powerState'", this.device);
		});

		assertThat(payloads).containsExactly("{\"device_id\" : \"" + this.device
				+ "\", \"property\" : \"powerState\", \"old_value\" : \"OFF\", \"new_value\" : \"ON\"}");
	}

	@Test
	void notifiesForApiChangesTooWhenTheSettingAsks() throws Exception {
		try (Connection listener = this.dataSource.getConnection(); Statement statement = listener.createStatement()) {
			statement.execute("LISTEN property_changes");
			try (Connection writer = this.dataSource.getConnection(); Statement change = writer.createStatement()) {
				writer.setAutoCommit(false);
				change.execute("SELECT publisher.api_begin('web', true)");
				change.execute("SELECT * FROM publisher.change_properties('" + this.device
						+ "', ARRAY['powerState'], ARRAY['OFF'], ARRAY[gen_random_uuid()])");
				writer.commit();
			}

			assertThat(notifications(listener)).singleElement()
				.asString()
				.contains("\"old_value\" : \"ON\"", "\"new_value\" : \"OFF\"");
		}
	}

	@Test
	void devicesCreatedAndDeletedBySqlAreLifecycleEvents() {
		String id = "sql-" + UUID.randomUUID();
		this.jdbc.update("INSERT INTO publisher.devices (id, user_id, tenant_id, name, type) VALUES (?, ?, 'acme', "
				+ "'Made by hand', 'PLUG')", id, this.aliceId);
		this.jdbc.update("DELETE FROM publisher.devices WHERE id = ?", id);

		List<Received> events = this.recorder.await((r) -> r.event().deviceId().equals(id), 4);
		assertThat(events.stream().map((r) -> r.event().type()).distinct()).containsExactly(EventType.DEVICE_CREATED,
				EventType.DEVICE_DELETED);
	}

	@Test
	void everyValueAndIdTheDatabaseAcceptsIsPublished() {
		String emoji = "😀".repeat(600);
		this.jdbc.update("UPDATE publisher.device_properties SET value = repeat('😀', 600) WHERE device_id = ? "
				+ "AND name = 'powerState'", this.device);
		String id = "😀".repeat(100);
		this.jdbc
			.update("INSERT INTO publisher.devices (id, user_id, tenant_id, name, type) VALUES (repeat('😀', 100), "
					+ "?, 'acme', 'Made by hand', 'PLUG')", this.aliceId);

		assertThat(this.recorder.await(this::changeOfDevice, 2).get(0).event().newValue()).isEqualTo(emoji);
		assertThat(this.recorder.await((r) -> r.event().deviceId().equals(id), 2).get(0).event().type())
			.isEqualTo(EventType.DEVICE_CREATED);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM publisher.rejected_events WHERE device_id IN (?, ?)",
				Long.class, this.device, id))
			.isZero();
	}

	@Test
	void theDatabaseRefusesValuesNoSubscriberCouldRead() {
		for (String sql : new String[] {
				"INSERT INTO publisher.device_properties (device_id, name, value) VALUES ('" + this.device
						+ "', '1bad', 'x')",
				"UPDATE publisher.device_properties SET value = repeat('x', 1025) WHERE device_id = '" + this.device
						+ "'",
				"UPDATE publisher.device_properties SET value = repeat('😀', 1025) WHERE device_id = '" + this.device
						+ "'",
				"INSERT INTO publisher.devices (id, user_id, tenant_id, name, type) VALUES ('a' || chr(160) || 'b', "
						+ "'u', 't', 'n', 'LIGHT')",
				"INSERT INTO publisher.devices (id, user_id, tenant_id, name, type) VALUES ('d', 'u' || chr(8239), "
						+ "'t', 'n', 'LIGHT')",
				"BEGIN; SET LOCAL virtdevice.source = 'voice'; UPDATE publisher.device_properties SET value = 'X' "
						+ "WHERE device_id = '" + this.device + "'; COMMIT;",
				"INSERT INTO publisher.devices (id, user_id, tenant_id, name, type) VALUES ('a:b', 'u', 't', 'n', 'LIGHT')" }) {
			assertThat(failsWith(sql)).as(sql).isNotNull();
			this.jdbc.execute("ROLLBACK");
		}
		assertThat(this.jdbc.queryForObject(
				"SELECT value FROM publisher.device_properties WHERE device_id = ? AND name = 'powerState'",
				String.class, this.device))
			.isEqualTo("ON");
	}

	private String failsWith(String sql) {
		try {
			this.jdbc.execute(sql);
			return null;
		}
		catch (RuntimeException ex) {
			return ex.getMessage();
		}
	}

	/**
	 * LISTENs on a pooled connection for the duration of the action, starting from an
	 * empty queue and leaving the connection as it found it.
	 */
	private List<String> notificationsDuring(ThrowingAction action) throws Exception {
		try (Connection listener = this.dataSource.getConnection(); Statement statement = listener.createStatement()) {
			statement.execute("LISTEN property_changes");
			listener.unwrap(PGConnection.class).getNotifications();
			try {
				action.run();
				return notifications(listener);
			}
			finally {
				statement.execute("UNLISTEN *");
			}
		}
	}

	@FunctionalInterface
	interface ThrowingAction {

		void run() throws Exception;

	}

	private static List<String> notifications(Connection listener) throws SQLException {
		List<String> payloads = new ArrayList<>();
		PGConnection connection = listener.unwrap(PGConnection.class);
		long deadline = System.currentTimeMillis() + 3000;
		while (System.currentTimeMillis() < deadline) {
			PGNotification[] received = connection.getNotifications(200);
			if (received != null) {
				for (PGNotification notification : received) {
					payloads.add(notification.getParameter());
				}
			}
		}
		return payloads;
	}

	private boolean changeOfDevice(Received received) {
		return received.event().deviceId().equals(this.device) && received.event().type() == EventType.PROPERTY_CHANGED;
	}

}
