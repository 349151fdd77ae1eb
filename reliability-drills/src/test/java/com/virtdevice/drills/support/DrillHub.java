package com.virtdevice.drills.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import com.virtdevice.localstack.LocalStack;
import com.virtdevice.localstack.StackOptions;
import com.virtdevice.testsupport.FakeIdentityProvider;
import com.virtdevice.testsupport.TestTokens;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * The whole hub for a drill: the local stack (embedded Redis and PostgreSQL, the five
 * services from their jars, the sandbox) on free ports in a fresh directory, plus what
 * every drill needs around it — tokens, users with devices, the database.
 */
public final class DrillHub implements AutoCloseable {

	private static @Nullable DrillHub shared;

	/** The services that reach the publisher's API through {@link #publisherApi()}. */
	public static final List<String> CONSUMERS = List.of("activity-log", "alexa-subscriber", "ifttt-subscriber",
			"dashboard-ws");

	private final LocalStack stack;

	private final HubHttp http = new HubHttp();

	private final PublisherApiGate publisherApi;

	/** Signs the drill's tokens: with the stack's secret, or by the identity provider. */
	private final Function<TestTokens.Builder, String> signer;

	private DrillHub(LocalStack stack, PublisherApiGate publisherApi, Function<TestTokens.Builder, String> signer) {
		this.stack = stack;
		this.publisherApi = publisherApi;
		this.signer = signer;
	}

	/**
	 * The hub every drill class in this JVM shares, started at first use and stopped when
	 * the JVM exits: starting the five services takes 25 s on an idle 2-core machine and
	 * minutes on a busy one, so the drills pay for it once. Each drill leaves the hub as
	 * it found it (every fault repaired, every event delivered).
	 */
	public static synchronized DrillHub shared() {
		if (shared == null) {
			DrillHub hub = start();
			Runtime.getRuntime().addShutdownHook(new Thread(hub::close, "drill-hub-stop"));
			shared = hub;
		}
		return shared;
	}

	/**
	 * Starts the hub, tokens verified with the stack's HS256 secret, and waits until
	 * every service is healthy.
	 */
	public static DrillHub start() {
		return start(Map.of(), Map.of(), null);
	}

	/**
	 * Starts the hub in JWK mode and waits until every service is healthy: every service
	 * verifies tokens against the identity provider's JWK set (its issuer only, no
	 * secret), the consumers obtain their service tokens from it by client credentials
	 * and renew them as they near expiry, and the drill's own tokens are signed by it.
	 */
	public static DrillHub startWithIdentityProvider(FakeIdentityProvider identityProvider) {
		Map<String, String> verifying = Map.of("virtdevice.security.jwt.secret", "",
				"virtdevice.security.jwt.dev-sign-in.enabled", "false", "virtdevice.security.jwt.jwk-set-uri",
				identityProvider.jwkSetUri(), "virtdevice.security.jwt.issuers", identityProvider.issuer());
		Map<String, String> consuming = new HashMap<>(identityProvider.serviceProperties());
		consuming.putAll(verifying);
		return start(verifying, consuming,
				(token) -> token.issuer(identityProvider.issuer()).signedBy(identityProvider::sign));
	}

	private static DrillHub start(Map<String, String> publisherProperties, Map<String, String> consumerProperties,
			@Nullable Function<TestTokens.Builder, String> signer) {
		try {
			Path work = Files.createTempDirectory("virtdevice-drill-");
			Path services = Path
				.of(System.getProperty("virtdevice.local-stack.services", "../local-stack/target/services"));
			PublisherApiGate gate = PublisherApiGate.start();
			StackOptions options = new StackOptions(services, work, false, null, null, "", "", "", false);
			if (!publisherProperties.isEmpty()) {
				options = options.withProperties("event-publisher", publisherProperties);
			}
			for (String consumer : CONSUMERS) {
				Map<String, String> properties = new HashMap<>(consumerProperties);
				properties.put("virtdevice.publisher.url", gate.url());
				options = options.withProperties(consumer, properties);
			}
			LocalStack stack = LocalStack.start(options, System.out);
			gate.forwardTo(URI.create(stack.url("event-publisher")).getPort());
			return new DrillHub(stack, gate,
					(signer != null) ? signer : (token) -> token.signedWith(stack.jwtSecret()).sign());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The publisher's HTTP API as the consumers reach it (replay, device names): a drill
	 * can shut it while the publisher keeps publishing.
	 */
	public PublisherApiGate publisherApi() {
		return this.publisherApi;
	}

	public LocalStack stack() {
		return this.stack;
	}

	public HubHttp http() {
		return this.http;
	}

	public String url(String service) {
		return this.stack.url(service);
	}

	/** A token of the hub's own services: replay every event, read everything. */
	public String serviceToken() {
		return this.signer.apply(TestTokens.forUser("drill-operator", "drills")
			.scopes("events:replay", "ops:read", "activity:read")
			.expiresAt(Instant.now().plus(Duration.ofHours(2))));
	}

	/** A user's token with every user scope. */
	public String userToken(String userId, String tenantId) {
		return this.signer.apply(TestTokens.forUser(userId, tenantId)
			.scopes("devices:read", "devices:write", "events:read", "activity:read")
			.expiresAt(Instant.now().plus(Duration.ofHours(2))));
	}

	/**
	 * Creates users {@code <prefix>-1…n} in tenant {@code drills}, each with
	 * {@code devices} lights.
	 */
	public List<DrillUser> createUsers(String prefix, int users, int devices) {
		List<DrillUser> created = new ArrayList<>();
		for (int u = 1; u <= users; u++) {
			String userId = prefix + "-" + u;
			String token = userToken(userId, "drills");
			List<String> ids = new ArrayList<>();
			for (int d = 1; d <= devices; d++) {
				ids.add(this.http.expect(200, 201, "POST", url("event-publisher") + "/api/devices", token,
						"{\"name\":\"" + userId + " light " + d
								+ "\",\"type\":\"LIGHT\",\"properties\":{\"powerState\":\"OFF\",\"brightness\":\"0\"}}")
					.path("id")
					.asString());
			}
			created.add(new DrillUser(userId, "drills", token, List.copyOf(ids)));
		}
		return created;
	}

	/**
	 * Waits until every consumer's {@code eventStream} position has reached
	 * {@code sequence}, or the timeout passes.
	 * @return the consumers still below it (empty when all got there)
	 */
	public List<String> awaitConsumersAt(long sequence, Duration timeout) {
		try {
			await().atMost(timeout)
				.pollInterval(Duration.ofMillis(500))
				.until(() -> consumersBelow(sequence).isEmpty());
		}
		catch (ConditionTimeoutException ex) {
			// the caller reports and asserts what is left
		}
		return consumersBelow(sequence);
	}

	private List<String> consumersBelow(long sequence) {
		return CONSUMERS.stream().filter((service) -> {
			JsonNode health = this.http.health(url(service));
			return health == null || health.path("components")
				.path("eventStream")
				.path("details")
				.path("position")
				.asLong(-1) < sequence;
		}).toList();
	}

	/** A connection to the hub's database (every schema); the caller closes it. */
	public Connection database() {
		Properties credentials = new Properties();
		if (!this.stack.datasourceUsername().isEmpty()) {
			credentials.setProperty("user", this.stack.datasourceUsername());
			credentials.setProperty("password", this.stack.datasourcePassword());
		}
		try {
			return DriverManager.getConnection(this.stack.datasourceUrl(), credentials);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach the hub's database", ex);
		}
	}

	@Override
	public void close() {
		this.stack.close();
		this.publisherApi.close();
	}

}
