package com.virtdevice.drills.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.virtdevice.drills.support.Arrivals;
import com.virtdevice.drills.support.Committed;
import com.virtdevice.drills.support.Committed.CommittedEvent;
import com.virtdevice.drills.support.DrillHub;
import com.virtdevice.drills.support.DrillReport;
import com.virtdevice.drills.support.DrillUser;
import com.virtdevice.drills.support.Drills;
import com.virtdevice.drills.support.HubConsumers;
import com.virtdevice.drills.support.SteadyLoad;
import com.virtdevice.drills.support.SteadyLoad.Attempt;
import com.virtdevice.localstack.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drills 1 and 5: Redis and PostgreSQL restarted under a steady load of property changes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfrastructureOutageDrillsIT {

	private static final int CHANGES_PER_SECOND = 20;

	private static final Duration OUTAGE = Duration.ofSeconds(10);

	private static final Duration SETTLE = Duration.ofSeconds(60);

	private static DrillHub hub;

	@BeforeAll
	static void startTheHub() {
		hub = DrillHub.shared();
	}

	@AfterEach
	void stopTheLoad() {
		SteadyLoad.stopAll();
	}

	/**
	 * Drill 1: Redis killed mid-stream and started again on the same port. The publisher
	 * keeps committing into its outbox and publishes the backlog when Redis is back; the
	 * services' subscriptions reconnect and fill gaps from the replay API.
	 */
	@Test
	@Order(1)
	void redisRestartedMidStreamLosesAndDuplicatesNothing() {
		List<DrillUser> users = hub.createUsers("redis-drill", 4, 3);
		try (HubConsumers consumers = HubConsumers.attach(hub, users)) {
			Committed committed = Committed.mark(hub);
			SteadyLoad load = SteadyLoad.start(hub.http(), List.of(hub.url("event-publisher")), users,
					CHANGES_PER_SECOND);
			Drills.hold(Duration.ofSeconds(5));
			hub.stack().redisServer().stop();
			Instant down = Instant.now();
			try {
				Drills.hold(OUTAGE);
			}
			finally {
				hub.stack().redisServer().start();
			}
			Instant back = Instant.now();
			Drills.hold(Duration.ofSeconds(5));
			load.stop();

			List<CommittedEvent> events = committed.awaitAllSequenced(SETTLE);
			Set<UUID> ids = Committed.ids(events);
			consumers.awaitEveryEvent(committed, ids, SETTLE);
			long committedWhileDown = events.stream()
				.filter((e) -> e.occurredAt().isAfter(down) && e.occurredAt().isBefore(back))
				.count();
			DrillReport report = consumers.report(DrillReport.of("redis-restart").sent(events.size()), committed, ids)
				.recovery(Drills.recovery(back, events, consumers.arrivals(committed).toArray(new Arrivals[0])))
				.figure("redisDownSeconds", Drills.seconds(Duration.between(down, back)))
				.figure("committedWhileRedisDown", committedWhileDown)
				.figure("apiRefused", load.refused().size())
				.write();

			assertThat(committedWhileDown).as("changes committed into the outbox while Redis was down").isPositive();
			assertThat(load.refused()).as("API writes while Redis is down").isEmpty();
			assertThat(ids).as("every accepted change is a committed event")
				.containsAll(load.accepted().stream().map((a) -> UUID.fromString(a.eventId())).toList());
			assertThat(committed.contiguousFromMark(events)).as("sequence contiguous").isTrue();
			report.assertNothingLostOrDuplicated();
		}
	}

	/**
	 * Drill 5: PostgreSQL stopped and started again. Meanwhile REST calls fail fast and
	 * cleanly (503 problem JSON), nothing is half-written, and every service recovers
	 * without a restart.
	 */
	@Test
	@Order(2)
	void postgresRestartedAnswers503MeanwhileAndRecoversWithoutRestart() throws Exception {
		List<DrillUser> users = hub.createUsers("postgres-drill", 4, 3);
		List<Long> pids = LocalStack.SERVICES.stream().map((s) -> hub.stack().service(s).pid()).toList();
		try (HubConsumers consumers = HubConsumers.attach(hub, users)) {
			Committed committed = Committed.mark(hub);
			SteadyLoad load = SteadyLoad.start(hub.http(), List.of(hub.url("event-publisher")), users,
					CHANGES_PER_SECOND);
			Drills.hold(Duration.ofSeconds(5));
			hub.stack().postgresServer().stop();
			Instant down = Instant.now();
			int patchStatus;
			try {
				Drills.hold(Duration.ofSeconds(2));
				patchStatus = hub.http()
					.send("PATCH",
							hub.url("event-publisher") + "/api/devices/" + users.get(0).devices().get(0)
									+ "/properties",
							users.get(0).token(),
							"{\"values\":{\"level\":\"patch-a\",\"powerState\":\"ON\"},\"source\":\"api\"}")
					.statusCode();
				Drills.hold(OUTAGE.minusSeconds(2));
			}
			finally {
				hub.stack().postgresServer().start();
			}
			Instant back = Instant.now();
			Drills.hold(Duration.ofSeconds(8));
			load.stop();

			List<CommittedEvent> events = committed.awaitAllSequenced(SETTLE);
			Set<UUID> ids = Committed.ids(events);
			consumers.awaitEveryEvent(committed, ids, SETTLE);
			List<Attempt> duringOutage = load.attempts()
				.stream()
				.filter((a) -> a.startedAt().isAfter(down.plusSeconds(1)) && a.startedAt().isBefore(back))
				.toList();
			Instant firstAcceptedAfter = load.accepted()
				.stream()
				.filter((a) -> a.startedAt().isAfter(back))
				.map((a) -> a.startedAt().plus(a.took()))
				.min(Instant::compareTo)
				.orElse(Instant.MAX);
			Duration slowestRefusal = duringOutage.stream()
				.map(Attempt::took)
				.max(Duration::compareTo)
				.orElse(Duration.ZERO);
			List<String> refusedValues = load.refused().stream().map(Attempt::value).toList();
			DrillReport report = consumers
				.report(DrillReport.of("postgres-restart").sent(events.size()), committed, ids)
				.recovery(Duration.between(back, firstAcceptedAfter))
				.figure("postgresDownSeconds", Drills.seconds(Duration.between(down, back)))
				.figure("requestsDuringOutage", duringOutage.size())
				.figure("answered503ProblemJson",
						duringOutage.stream().filter(InfrastructureOutageDrillsIT::isCleanRefusal).count())
				.figure("slowestRefusalSeconds", Drills.seconds(slowestRefusal))
				.figure("consumersCompleteSeconds",
						Drills.seconds(
								Drills.recovery(back, events, consumers.arrivals(committed).toArray(new Arrivals[0]))))
				.write();

			assertThat(patchStatus).as("PATCH during the outage").isEqualTo(503);
			assertThat(duringOutage).isNotEmpty().allSatisfy((a) -> {
				assertThat(a.status()).as("status of " + a).isEqualTo(503);
				assertThat(a.contentType()).startsWith("application/problem+json");
			});
			assertThat(slowestRefusal).as("refusals are fast").isLessThan(Duration.ofSeconds(3));
			assertThat(events).as("no refused change was written")
				.noneMatch((e) -> refusedValues.contains(e.newValue()) || e.newValue().equals("patch-a"));
			assertThat(firstAcceptedAfter).as("the API recovered").isBefore(Instant.MAX);
			assertThat(committed.contiguousFromMark(events)).as("sequence contiguous").isTrue();
			assertThat(LocalStack.SERVICES.stream().map((s) -> hub.stack().service(s).pid()).toList())
				.as("no service restarted")
				.isEqualTo(pids);
			report.assertNothingLostOrDuplicated();
		}
	}

	private static boolean isCleanRefusal(Attempt attempt) {
		return attempt.status() == 503 && attempt.contentType().startsWith("application/problem+json");
	}

}
