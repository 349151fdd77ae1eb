package com.virtdevice.drills.hostile;

import java.util.Map;

import com.virtdevice.drills.support.DrillHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GitHub issue 10, hostile input: the four suites against one whole hub (the five
 * services from their jars, embedded Redis and PostgreSQL, the sandbox) — the hub the
 * fault drills of this JVM share, which each of them leaves as it found it. Each suite
 * writes its figures to {@code ${virtdevice.drills.results}/hostile-<suite>.json} and
 * prints a one-line summary; {@code docs/hostile-input.md} says what each sends.
 * <p>
 * The REST fuzz is reproducible: {@code -Dvirtdevice.drills.seed=N} repeats a run (the
 * seed is printed), {@code -Dvirtdevice.drills.fuzz-requests=N} sets its size.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

	private static Hub hub;

	private static World world;

	@BeforeAll
	static void startTheHub() {
		hub = Hub.on(DrillHub.shared().stack());
		world = new World(hub);
	}

	@AfterAll
	static void stopWatchingTheHub() {
		if (hub != null) {
			hub.close();
		}
	}

	@Test
	@Order(1)
	void restFuzzGetsNoServerErrorOnlyProblemJsonAndWritesNothingItRejected() {
		long seed = Long.getLong("virtdevice.drills.seed", System.currentTimeMillis());
		System.out.println("[hostile-rest-fuzz] seed " + seed + " (repeat with -Dvirtdevice.drills.seed=" + seed + ")");
		Figures figures = new RestFuzzDrill(hub, world, seed,
				Integer.getInteger("virtdevice.drills.fuzz-requests", 3000))
			.run();
		assertThat(figures.get("samples5xx")).as("answers 5xx").asList().isEmpty();
		assertThat(figures.get("samplesNotProblemJson")).as("errors that are not problem JSON").asList().isEmpty();
		assertThat(figures.get("samplesLeaks")).as("answers with the other tenant's data").asList().isEmpty();
		assertThat(figures.get("partialWrites")).as("partial writes " + figures.get("samplesPartialWrites"))
			.isEqualTo(0);
		assertThat(figures.get("samplesNonStringsAccepted")).as("writes with a value that is no string, accepted")
			.asList()
			.isEmpty();
		assertThat(figures.get("committedButRejectedByTheRelay")).as("committed events the relay could not publish")
			.isEqualTo(0L);
	}

	@Test
	@Order(2)
	@SuppressWarnings("unchecked")
	void intrudersAreRefusedByRedisAndMalformedOrForeignMessagesAreCountedWhileEveryListenerKeepsWorking() {
		Figures figures = new RedisHostileDrill(hub, world).run();

		Map<String, Long> expected = (Map<String, Long>) figures.get("rejectedExpected");
		Map<String, Long> counted = (Map<String, Long>) figures.get("rejectedCounted");
		expected.forEach((service, count) -> assertThat(counted.get(service)).as("rejected by " + service)
			.isGreaterThanOrEqualTo(count));
		assertThat(figures.get("intruderRefused")).as("publish, fence and shutdown attempts refused")
			.isEqualTo(figures.get("intruderAttempts"));
		assertThat(figures.get("intruderReceived")).as("messages an anonymous PSUBSCRIBE received").isEqualTo(0);
		assertThat(figures.get("foreignDelivered")).as("foreign events delivered").isEqualTo(0L);
		assertThat(figures.get("repeatsDelivered")).as("a real message published again, delivered again").isEqualTo(0);
		assertThat((Map<String, Boolean>) figures.get("listenersWorkingAfterwards")).as("listeners working")
			.containsOnlyKeys("activity-log", "dashboard-ws", "alexa-subscriber", "ifttt-subscriber")
			.doesNotContainValue(false);
	}

	@Test
	@Order(3)
	void badTokensOtherTenantsIdsAndForgedWebhooksLeakNothingAndChangeNothing() {
		Figures figures = new AuthDrill(hub, world).run();

		assertThat(figures.get("sampleLeaks")).as("leaks").asList().isEmpty();
		assertThat(figures.get("sampleEffects")).as("effects").asList().isEmpty();
	}

	@Test
	@Order(4)
	void stompAbuseClosesTheOffendingSessionsAndStaysBounded() {
		Figures figures = new StompAbuseDrill(hub, world).run();

		assertThat(figures.get("offendingSessionsClosed")).as("offending sessions closed " + figures.get("attacks"))
			.isEqualTo((long) (int) figures.get("offendingSessions"));
		assertThat((double) figures.get("peakSubscriptions")).as("subscriptions during the storm")
			.isLessThanOrEqualTo((double) figures.get("subscriptionsBefore") + 17);
		assertThat(figures.get("wellBehavedSessionStillServed")).isEqualTo(true);
	}

}
