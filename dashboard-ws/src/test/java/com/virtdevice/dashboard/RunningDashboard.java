package com.virtdevice.dashboard;

import java.util.Map;

import com.virtdevice.events.BusRole;
import com.virtdevice.events.Channels;
import com.virtdevice.testsupport.FakePublisher;
import com.virtdevice.testsupport.TestInfrastructure;
import com.virtdevice.testsupport.TestTokens;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The one running dashboard every integration test shares (one Spring context, one
 * Tomcat): the test Redis under a channel namespace of its own, a {@link FakePublisher}
 * as the publisher (replay API, events on Redis), a {@link DevicesApiFake} as the
 * publisher's device API for the browser, and the dev sign-in turned on (as the local
 * stack does). The dashboard has no database, so no PostgreSQL is started.
 * <p>
 * Resumes read the replay API in pages of 7 events, so that a resume takes many requests
 * while live events keep arriving; sends to one browser are limited to 256 KB of backlog
 * so that a stalled browser is cut off sooner; the event stream's periodic catch-up is
 * off, so that only the tests read the replay API.
 */
@SpringBootTest(classes = DashboardApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "virtdevice.dashboard.replay-page-size=7", "virtdevice.dashboard.send-buffer-size-limit=256KB",
				"virtdevice.dashboard.inbound-message-size-limit=16KB", "virtdevice.events.catch-up-interval=1h" })
@TestPropertySource(properties = "virtdevice.security.jwt.dev-sign-in.enabled=true")
public abstract class RunningDashboard {

	protected static final String NAMESPACE = TestInfrastructure.newChannelNamespace();

	protected static final FakePublisher publisher = FakePublisher.start(TestInfrastructure.redisUrl(), NAMESPACE);

	protected static final DevicesApiFake devicesApi = new DevicesApiFake(publisher);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url",
				() -> TestInfrastructure.redis().urlFor(BusRole.USER_SUBSCRIBER, Channels.namespaced(NAMESPACE)));
		registry.add("virtdevice.redis.channel-namespace", () -> NAMESPACE);
		registry.add("virtdevice.security.jwt.secret", () -> TestTokens.SECRET);
		registry.add("virtdevice.publisher.url", publisher::baseUrl);
		registry.add("virtdevice.dashboard.publisher-browser-url", devicesApi::baseUrl);
	}

	/** A dashboard user's token: {@code devices:read devices:write events:read}. */
	protected static String userToken(String userId) {
		return TestTokens.forUser(userId, tenantOf(userId))
			.scopes("devices:read", "devices:write", "events:read")
			.sign();
	}

	protected static String tenantOf(String userId) {
		return "tenant-of-" + userId;
	}

	/** Registers a device with the fake publisher and its device API. */
	protected static String device(String id, String userId, String name, Map<String, String> properties) {
		return device(id, userId, name, "LIGHT", properties);
	}

	/** Registers a device of a type with the fake publisher and its device API. */
	protected static String device(String id, String userId, String name, String type, Map<String, String> properties) {
		devicesApi.device(id, userId, tenantOf(userId), name, type, properties);
		return id;
	}

}
