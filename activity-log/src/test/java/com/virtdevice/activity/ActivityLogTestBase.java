package com.virtdevice.activity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.virtdevice.support.events.EventStream;
import com.virtdevice.testsupport.FakePublisher;
import com.virtdevice.testsupport.RealInfrastructure;
import com.virtdevice.testsupport.TestInfrastructure;
import com.virtdevice.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The one Spring context the integration tests share: the whole service against real
 * Redis and PostgreSQL, with {@link FakePublisher} publishing events and serving the
 * replay API. Tests keep out of each other's way by using devices, users and tenants of
 * their own ({@link #unique}).
 * <p>
 * The periodic catch-up is off (1 h), so a gap is only filled because the stream saw a
 * jump: a test that ends on an unpublished event would leave it unfilled.
 */
@SpringBootTest(classes = ActivityLogApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "virtdevice.events.catch-up-interval=1h", "virtdevice.activity.retention.batch-size=10",
				"virtdevice.activity.retention.initial-delay=1h" })
@RealInfrastructure
public abstract class ActivityLogTestBase {

	private static final String NAMESPACE = TestInfrastructure.newChannelNamespace();

	protected static final FakePublisher publisher = FakePublisher.start(TestInfrastructure.redisUrl(), NAMESPACE);

	@LocalServerPort
	private int port;

	@Autowired
	private EventStream stream;

	@Autowired
	protected JdbcClient jdbc;

	protected ApiClient api;

	@DynamicPropertySource
	static void publisherProperties(DynamicPropertyRegistry registry) {
		registry.add("virtdevice.publisher.url", publisher::baseUrl);
		registry.add("virtdevice.redis.channel-namespace", () -> NAMESPACE);
	}

	/** Redis drops what is published before the subscription exists. */
	@BeforeEach
	void awaitSubscription() {
		this.api = new ApiClient(this.port);
		await().atMost(Duration.ofSeconds(30)).until(this.stream::isSubscribed);
	}

	/** An id no other test uses. */
	protected static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Registers a device with the fake publisher; returns its id. */
	protected static String device(String userId, String tenantId) {
		String id = unique("dev");
		publisher.device(id, userId, tenantId, "Kitchen light", "LIGHT", Map.of("powerState", "OFF"));
		return id;
	}

	/** A token of a user in a tenant with the given scopes. */
	protected static String token(String userId, String tenantId, String... scopes) {
		return TestTokens.forUser(userId, tenantId).scopes(scopes).sign();
	}

	/** A token of an operator (scope {@code ops:read}). */
	protected static String operatorToken() {
		return token("operator", "ops", "ops:read");
	}

	/** Waits until the device has this many rows; returns their event ids. */
	protected List<UUID> awaitRows(String deviceId, int count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> rowsOf(deviceId).size() >= count);
		return rowsOf(deviceId);
	}

	protected List<UUID> rowsOf(String deviceId) {
		return this.jdbc.sql("select event_id from activity_log where device_id = :device order by sequence")
			.param("device", deviceId)
			.query(UUID.class)
			.list();
	}

}
