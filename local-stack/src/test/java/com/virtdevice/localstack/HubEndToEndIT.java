package com.virtdevice.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.events.EventType;
import com.virtdevice.testsupport.AlexaSchema;
import com.virtdevice.testsupport.RecordedRequest;
import com.virtdevice.testsupport.TestRedis;
import com.virtdevice.testsupport.TestTokens;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole hub, started the way {@code ./run-local} starts it (embedded Redis and
 * PostgreSQL, the five services from their jars, the sandbox), driven through one
 * scenario that crosses every service: a device is created and changed through the REST
 * API and then by SQL run directly on the database, and each change must reach both Redis
 * channels, a dashboard's STOMP session, the audit API, and — through the sandbox — Alexa
 * as a valid ChangeReport and IFTTT as a Realtime notification.
 */
class HubEndToEndIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final EventCodec codec = new EventCodec();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static LocalStack stack;

	private static RedisClient redis;

	private static StatefulRedisPubSubConnection<byte[], byte[]> subscriber;

	private static final List<Received> onRedis = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void startTheHub() throws Exception {
		Path work = Files.createTempDirectory("virtdevice-e2e-");
		stack = LocalStack.start(new StackOptions(Path.of(System.getProperty("virtdevice.local-stack.services")), work,
				false, null, null, "", "", "", true), System.out);
		redis = RedisClient.create(stack.redisUrl());
		subscriber = redis.connectPubSub(ByteArrayCodec.INSTANCE);
		subscriber.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(byte[] pattern, byte[] channel, byte[] message) {
				onRedis.add(new Received(new String(channel, StandardCharsets.UTF_8), codec.decode(message)));
			}
		});
		subscriber.sync().psubscribe("*".getBytes(StandardCharsets.UTF_8));
	}

	@AfterAll
	static void stopTheHub() {
		if (subscriber != null) {
			subscriber.close();
			redis.shutdown();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void aChangeThroughTheApiAndOneMadeInSqlEachReachEveryConsumer() throws Exception {
		String token = TestTokens.forUser(DemoData.USER, DemoData.TENANT)
			.scopes("devices:read", "devices:write", "events:read", "activity:read")
			.signedWith(stack.jwtSecret())
			.sign();
		try (StompListener dashboard = StompListener.subscribe(stack.url("dashboard-ws"), token)) {
			String lamp = call("POST", stack.url("event-publisher") + "/api/devices", token,
					"{\"name\":\"End-to-end lamp\",\"type\":\"LIGHT\",\"properties\":{\"powerState\":\"OFF\","
							+ "\"brightness\":\"30\"}}")
				.path("id")
				.asString();

			int seen = changesOnRedis(lamp);
			JsonNode put = call("PUT", stack.url("event-publisher") + "/api/devices/" + lamp + "/properties/powerState",
					token, "{\"value\":\"ON\",\"source\":\"web\"}");
			DeviceStateEvent viaApi = awaitEverywhere(lamp, seen, put.path("eventId").asString(), dashboard, token);
			assertThat(viaApi.source()).isEqualTo(ChangeSource.WEB);
			assertThat(viaApi.oldValue()).isEqualTo("OFF");
			assertChangeReport(lamp, "ON", "APP_INTERACTION");

			seen = changesOnRedis(lamp);
			updateBySql(lamp, "powerState", "OFF");
			DeviceStateEvent viaSql = awaitEverywhere(lamp, seen, null, dashboard, token);
			assertThat(viaSql.source()).isEqualTo(ChangeSource.API);
			assertThat(viaSql.oldValue()).isEqualTo("ON");
			assertThat(viaSql.newValue()).isEqualTo("OFF");
			assertThat(viaSql.sequence()).isGreaterThan(viaApi.sequence());
			assertThat(outboxRows(lamp, "OFF")).as("events recorded for the operator's one change").isEqualTo(1);
			assertChangeReport(lamp, "OFF", "PHYSICAL_INTERACTION");
		}
	}

	@Test
	void everyServiceRunsAsItsOwnLeastPrivilegedRedisUserAndAnonymousClientsAreRefused() {
		String token = TestTokens.forUser(DemoData.USER, DemoData.TENANT).signedWith(stack.jwtSecret()).sign();
		for (String service : LocalStack.SERVICES) {
			JsonNode bus = call("GET", stack.url(service) + "/actuator/health", token, null).path("components")
				.path("redisBus");
			assertThat(bus.path("status").asString()).as(service).isEqualTo("UP");
			assertThat(bus.path("details").path("posture").asString()).as(service).isEqualTo("least-privilege");
			assertThat(bus.path("details").path("user").asString()).as(service)
				.isEqualTo(TestRedis.serviceUserName(service, Channels.standard()));
		}
		RedisClient anonymous = RedisClient.create("redis://127.0.0.1:" + stack.redisServer().port());
		try {
			// Lettuce's HELLO handshake is already refused; a publish never gets that
			// far.
			assertThatThrownBy(() -> {
				try (StatefulRedisConnection<String, String> connection = anonymous.connect()) {
					connection.sync().publish(Channels.standard().globalEvents(), "{}");
				}
			}).rootCause().hasMessageContaining("NOAUTH");
		}
		finally {
			anonymous.shutdown();
		}
	}

	@Test
	void everyServiceRunsAsItsOwnDatabaseRoleThatCannotReadAnotherServicesSchema() throws Exception {
		try (Connection admin = DriverManager.getConnection(stack.datasourceUrl(), superuser());
				Statement sql = admin.createStatement();
				ResultSet superusers = sql.executeQuery(
						"SELECT rolname FROM pg_roles WHERE rolname LIKE 'virtdevice%' AND (rolsuper OR rolcreaterole OR rolcreatedb)")) {
			assertThat(superusers.next()).as("a virtdevice role that is superuser or may create roles or databases")
				.isFalse();
		}
		try (Connection admin = DriverManager.getConnection(stack.datasourceUrl(), superuser());
				Statement sql = admin.createStatement();
				ResultSet owners = sql.executeQuery("SELECT DISTINCT schemaname, tableowner FROM pg_tables"
						+ " WHERE schemaname IN ('publisher', 'activity', 'alexa', 'ifttt')")) {
			Map<String, String> ownerOf = new HashMap<>();
			while (owners.next()) {
				assertThat(ownerOf.put(owners.getString(1), owners.getString(2))).as(owners.getString(1)).isNull();
			}
			// each service's Flyway created its tables as the service's own role
			assertThat(ownerOf).isEqualTo(Map.of("publisher", "virtdevice_publisher", "activity", "virtdevice_activity",
					"alexa", "virtdevice_alexa", "ifttt", "virtdevice_ifttt"));
		}
		Properties alexa = new Properties();
		alexa.setProperty("user", stack.datasourceUsernameFor("alexa-subscriber"));
		alexa.setProperty("password", stack.datasourcePasswordFor("alexa-subscriber"));
		assertThat(alexa.getProperty("user")).isEqualTo("virtdevice_alexa");
		try (Connection connection = DriverManager.getConnection(stack.datasourceUrl(), alexa);
				Statement sql = connection.createStatement()) {
			try (ResultSet own = sql.executeQuery("SELECT count(*) FROM alexa.flyway_schema_history")) {
				assertThat(own.next()).isTrue();
			}
			for (String table : List.of("publisher.webhooks", "publisher.devices", "publisher.events",
					"activity.flyway_schema_history", "ifttt.flyway_schema_history")) {
				assertThatExceptionOfType(SQLException.class).as(table)
					.isThrownBy(() -> sql.executeQuery("SELECT * FROM " + table).close())
					.satisfies((ex) -> assertThat(ex.getSQLState()).as(table).isEqualTo("42501"));
			}
		}
	}

	@Test
	@Tag("browser") // headless Chromium: the browser-tests profile (see the README)
	void theDashboardInABrowserShowsAChangeMadeThroughThePublishersApiWithoutReload() throws Exception {
		String token = TestTokens.forUser(DemoData.USER, DemoData.TENANT)
			.scopes("devices:read", "devices:write")
			.signedWith(stack.jwtSecret())
			.sign();
		String light = null;
		for (JsonNode device : call("GET", stack.url("event-publisher") + "/api/devices", token, null).path("items")) {
			if (device.path("type").asString().equals("LIGHT") && device.path("properties").has("brightness")) {
				light = device.path("id").asString();
			}
		}
		assertThat(light).as("the demo light").isNotNull();
		try (Browser browser = Browser.start()) {
			// Opened as 127.0.0.1, not localhost: the page must reach the publisher all
			// the same.
			browser.open(stack.url("dashboard-ws").replace("localhost", "127.0.0.1") + "/");
			browser.devSignIn(DemoData.USER, DemoData.TENANT);
			browser.script("window.loadedOnce = 'yes'");
			String before = browser.awaitValue(light, "brightness", (value) -> !value.isEmpty());
			String after = before.equals("77") ? "78" : "77";

			call("PUT", stack.url("event-publisher") + "/api/devices/" + light + "/properties/brightness", token,
					"{\"value\":\"" + after + "\",\"source\":\"api\"}");

			browser.awaitValue(light, "brightness", after::equals);
			assertThat(browser.script("return window.loadedOnce")).as("the page was not reloaded").isEqualTo("yes");
		}
	}

	/**
	 * The change's event on both Redis channels, on the dashboard, in the audit log and
	 * at IFTTT.
	 */
	private DeviceStateEvent awaitEverywhere(String device, int before, String eventId, StompListener dashboard,
			String token) {
		Channels channels = Channels.standard();
		await().atMost(WAIT).until(() -> onRedis.stream().filter((r) -> isChange(r, device)).count() >= before + 2);
		List<Received> pair = onRedis.stream().filter((r) -> isChange(r, device)).skip(before).limit(2).toList();
		DeviceStateEvent event = pair.get(0).event();
		if (eventId != null) {
			assertThat(event.eventId()).hasToString(eventId);
		}
		assertThat(pair).extracting(Received::channel)
			.containsExactlyInAnyOrder(channels.deviceState(device), channels.userEvents(DemoData.USER));
		assertThat(pair.get(1).event()).isEqualTo(event);

		String id = event.eventId().toString();
		await().atMost(WAIT).until(() -> dashboard.received().stream().anyMatch((body) -> body.contains(id)));
		assertThat(dashboard.received().stream().filter((body) -> body.contains(id)).findFirst().orElseThrow())
			.isEqualTo(codec.encodeToString(event));

		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode audit = call("GET", stack.url("activity-log") + "/api/activity?deviceId=" + device, token, null);
			assertThat(audit.path("items").findValuesAsString("eventId")).contains(id);
		});

		await().atMost(WAIT)
			.until(() -> stack.sandbox()
				.traffic(Sandbox.IFTTT_PATH)
				.stream()
				.anyMatch((request) -> request.receivedAt().isAfter(event.timestamp().minusMillis(1))
						&& request.bodyAsString().contains(DemoData.USER)));
		return event;
	}

	private void assertChangeReport(String device, String powerState, String cause) {
		await().atMost(WAIT).until(() -> changeReport(device, powerState) != null);
		RecordedRequest report = changeReport(device, powerState);
		JsonNode body = JsonMapper.shared().readTree(report.bodyAsString());
		assertThat(body.path("event").path("header").path("name").asString()).isEqualTo("ChangeReport");
		assertThat(body.path("event").path("payload").path("change").path("cause").path("type").asString())
			.isEqualTo(cause);
		assertThat(report.header("Authorization")).startsWith("Bearer Atza|sandbox-");
		if (AlexaSchema.isPresent()) {
			assertThat(AlexaSchema.errors(report.bodyAsString())).isEmpty();
		}
	}

	private static RecordedRequest changeReport(String device, String powerState) {
		return stack.sandbox()
			.traffic(Sandbox.alexaPath("na"))
			.stream()
			.filter((request) -> request.bodyAsString().contains("\"endpointId\":\"" + device + "\""))
			.filter((request) -> JsonMapper.shared()
				.readTree(request.bodyAsString())
				.path("event")
				.path("payload")
				.path("change")
				.path("properties")
				.findValuesAsString("value")
				.contains(powerState))
			.reduce((first, second) -> second)
			.orElse(null);
	}

	/** A change by hand, as the operator role (no rights on the outbox). */
	private static void updateBySql(String device, String property, String value) throws Exception {
		Properties operator = new Properties();
		operator.setProperty("user", DatabaseRoles.OPERATOR);
		operator.setProperty("password", stack.operatorPassword());
		try (Connection connection = DriverManager.getConnection(stack.datasourceUrl(), operator);
				PreparedStatement update = connection.prepareStatement(
						"UPDATE publisher.device_properties SET value = ? WHERE device_id = ? AND name = ?")) {
			update.setString(1, value);
			update.setString(2, device);
			update.setString(3, property);
			assertThat(update.executeUpdate()).isEqualTo(1);
		}
	}

	private static int outboxRows(String device, String newValue) throws Exception {
		try (Connection connection = DriverManager.getConnection(stack.datasourceUrl(), superuser());
				PreparedStatement count = connection
					.prepareStatement("SELECT count(*) FROM publisher.events WHERE device_id = ? AND new_value = ?")) {
			count.setString(1, device);
			count.setString(2, newValue);
			try (ResultSet rows = count.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	private static Properties superuser() {
		Properties credentials = new Properties();
		credentials.setProperty("user", stack.datasourceUsername());
		credentials.setProperty("password", stack.datasourcePassword());
		return credentials;
	}

	private static int changesOnRedis(String device) {
		return (int) onRedis.stream().filter((r) -> isChange(r, device)).count();
	}

	private static boolean isChange(Received received, String device) {
		return received.event().deviceId().equals(device) && received.event().type() == EventType.PROPERTY_CHANGED;
	}

	private static JsonNode call(String method, String url, String token, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + token)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		HttpResponse<String> response;
		try {
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException | InterruptedException ex) {
			throw new IllegalStateException(method + " " + url, ex);
		}
		assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isBetween(200, 299);
		return JsonMapper.shared().readTree(response.body());
	}

	record Received(String channel, DeviceStateEvent event) {
	}

}
