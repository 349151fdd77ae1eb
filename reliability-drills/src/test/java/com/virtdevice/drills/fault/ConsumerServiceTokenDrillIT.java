package com.virtdevice.drills.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import com.virtdevice.drills.support.Committed;
import com.virtdevice.drills.support.Committed.CommittedEvent;
import com.virtdevice.drills.support.DrillHub;
import com.virtdevice.drills.support.DrillReport;
import com.virtdevice.drills.support.DrillUser;
import com.virtdevice.drills.support.Drills;
import com.virtdevice.drills.support.HubConsumers;
import com.virtdevice.drills.support.SteadyLoad;
import com.virtdevice.testsupport.FakeIdentityProvider;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drill 9: the hub in JWK mode with service tokens that live two minutes. Every service
 * verifies tokens against a (local fake) identity provider's JWK set; activity-log,
 * alexa-subscriber, ifttt-subscriber and dashboard-ws obtain their token for the
 * publisher's replay API from it by OAuth 2.0 client credentials, with the default
 * settings (renewed 60 s before expiry). Under steady load until every consumer's first
 * token has expired, every consumer's subscription is then cut, so that what was
 * published meanwhile reaches it only through the replay API — which refuses expired
 * tokens. Every event arrives once, every consumer reaches the publisher's latest
 * sequence, and each one holds a token that expires after every first token did, so not
 * its first.
 */
class ConsumerServiceTokenDrillIT {

	private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(2);

	private static final int CHANGES_PER_SECOND = 20;

	private static final Duration SETTLE = Duration.ofSeconds(90);

	@AfterEach
	void stopTheLoad() {
		SteadyLoad.stopAll();
	}

	@Test
	void consumersKeepReadingTheReplayApiPastTheirFirstTwoMinuteTokensExpiry() throws Exception {
		try (FakeIdentityProvider identityProvider = FakeIdentityProvider
			.start("virtdevice-hub-services", UUID.randomUUID().toString())
			.tokenLifetime(TOKEN_LIFETIME); DrillHub hub = DrillHub.startWithIdentityProvider(identityProvider)) {
			// Each consumer obtains its first token before it reports healthy (its
			// serviceToken health asks for one), so by now every first token is here; the
			// last of them to expire is where the drill's proof starts.
			Instant lastFirstExpiry = identityProvider.issuedTokens()
				.stream()
				.map(ConsumerServiceTokenDrillIT::expiry)
				.max(Comparator.naturalOrder())
				.orElseThrow(() -> new AssertionError("no consumer obtained a service token while starting"));
			int issuedAtStart = identityProvider.issuedTokens().size();
			assertThat(issuedAtStart).as("first tokens obtained while the hub started")
				.isGreaterThanOrEqualTo(DrillHub.CONSUMERS.size());
			List<DrillUser> users = hub.createUsers("token-drill", 3, 2);
			try (HubConsumers consumers = HubConsumers.attach(hub, users)) {
				Committed committed = Committed.mark(hub);
				SteadyLoad load = SteadyLoad.start(hub.http(), List.of(hub.url("event-publisher")), users,
						CHANGES_PER_SECOND);
				// Past every first token's expiry: each consumer has used
				// the replay API since (catch-up every 15 s), so renewed.
				Drills.hold(Duration.between(Instant.now(), lastFirstExpiry.plusSeconds(5)));
				Instant cutAt = Instant.now();
				long subscribersCut = cutEverySubscription(hub);
				Drills.hold(Duration.ofSeconds(10));
				load.stop();

				List<CommittedEvent> events = committed.awaitAllSequenced(SETTLE);
				Set<UUID> ids = Committed.ids(events);
				consumers.awaitEveryEvent(committed, ids, SETTLE);
				long latest = events.stream().mapToLong(CommittedEvent::sequence).max().orElse(0);
				List<String> behind = hub.awaitConsumersAt(latest, SETTLE);
				Map<String, String> tokens = serviceTokens(hub);
				List<String> streamsNotUp = DrillHub.CONSUMERS.stream().filter((service) -> {
					JsonNode health = hub.http().health(hub.url(service));
					return health == null
							|| !"UP".equals(health.path("components").path("eventStream").path("status").asString());
				}).toList();
				List<String> notRenewed = tokens.entrySet()
					.stream()
					.filter((token) -> !token.getValue().startsWith("UP client-credentials")
							|| !Instant.parse(token.getValue().substring(token.getValue().lastIndexOf(' ') + 1))
								.isAfter(lastFirstExpiry))
					.map(Map.Entry::getKey)
					.toList();
				DrillReport report = consumers
					.report(DrillReport.of("service-token-expiry").sent(events.size()), committed, ids)
					.figure("tokenLifetimeSeconds", TOKEN_LIFETIME.toSeconds())
					.figure("tokensIssuedAtStart", issuedAtStart)
					.figure("tokensIssued", identityProvider.issuedTokens().size())
					.figure("loadPastLastFirstTokenExpirySeconds",
							Drills.seconds(Duration.between(lastFirstExpiry, cutAt)))
					.figure("subscriptionsCut", subscribersCut)
					.figure("consumersBehindAfterwards", behind)
					.figure("consumersWithoutARenewedToken", notRenewed)
					.figure("consumersWithEventStreamNotUp", streamsNotUp)
					.write();

				// the four consumers' and the drill's own Redis tap
				assertThat(subscribersCut).as("subscriptions cut")
					.isGreaterThanOrEqualTo(DrillHub.CONSUMERS.size() + 1);
				assertThat(streamsNotUp)
					.as("consumers whose eventStream health is not UP (a refused replay call "
							+ "makes it OUT_OF_SERVICE)")
					.isEmpty();
				assertThat(tokens).as("each consumer's serviceToken health").containsOnlyKeys(DrillHub.CONSUMERS);
				assertThat(notRenewed)
					.as("consumers not UP with a client-credentials token expiring after " + lastFirstExpiry + " "
							+ tokens)
					.isEmpty();
				assertThat(behind).as("consumers whose position did not reach the publisher's latest").isEmpty();
				report.assertNothingLostOrDuplicated();
			}
		}
	}

	/**
	 * Closes every Pub/Sub connection on the hub's Redis (the consumers', the drill's own
	 * tap): each reconnects and reads what it missed from the replay API.
	 */
	private static long cutEverySubscription(DrillHub hub) {
		RedisClient client = RedisClient.create(hub.stack().redisUrl());
		try (StatefulRedisConnection<String, String> admin = client.connect()) {
			return admin.sync().clientKill(KillArgs.Builder.typePubsub());
		}
		finally {
			client.shutdown();
		}
	}

	/** Each consumer's {@code serviceToken} health: status, source and expiry. */
	private static Map<String, String> serviceTokens(DrillHub hub) {
		Map<String, String> tokens = new TreeMap<>();
		for (String service : DrillHub.CONSUMERS) {
			JsonNode health = hub.http().health(hub.url(service));
			if (health != null) {
				JsonNode token = health.path("components").path("serviceToken");
				tokens.put(service,
						token.path("status").asString() + " " + token.path("details").path("source").asString() + " "
								+ token.path("details").path("expiresAt").asString());
			}
		}
		return tokens;
	}

	private static Instant expiry(String token) {
		try {
			return SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
