package com.virtdevice.drills.fault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.virtdevice.drills.support.Arrivals;
import com.virtdevice.drills.support.Committed;
import com.virtdevice.drills.support.Committed.CommittedEvent;
import com.virtdevice.drills.support.DrillHub;
import com.virtdevice.drills.support.DrillReport;
import com.virtdevice.drills.support.DrillUser;
import com.virtdevice.drills.support.Drills;
import com.virtdevice.drills.support.HubConsumers;
import com.virtdevice.drills.support.SteadyLoad;
import com.virtdevice.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drills 2 and 3: the publisher killed with SIGKILL while it holds committed but
 * unpublished changes, and two publisher instances of which the leader is killed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublisherCrashDrillsIT {

	private static final int CHANGES_PER_SECOND = 20;

	private static final Duration SETTLE = Duration.ofSeconds(60);

	private static final Duration START = Duration.ofMinutes(5);

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
	 * Drill 2: with Redis briefly away, the publisher holds committed changes it has not
	 * published; it is killed with SIGKILL right then, and started again. Every change is
	 * published once.
	 */
	@Test
	@Order(1)
	void publisherKilledBetweenCommitAndPublishLosesAndRepeatsNothing() {
		List<DrillUser> users = hub.createUsers("kill-drill", 4, 3);
		ServiceProcess publisher = hub.stack().service("event-publisher");
		try (HubConsumers consumers = HubConsumers.attach(hub, users)) {
			Committed committed = Committed.mark(hub);
			SteadyLoad load = SteadyLoad.start(hub.http(), List.of(hub.url("event-publisher")), users,
					CHANGES_PER_SECOND);
			Drills.hold(Duration.ofSeconds(5));
			long unpublishedAtKill;
			Instant killed;
			hub.stack().redisServer().stop();
			try {
				Drills.hold(Duration.ofSeconds(3));
				publisher.kill();
				killed = Instant.now();
				unpublishedAtKill = unpublished();
			}
			finally {
				hub.stack().redisServer().start();
			}
			publisher.start().awaitHealthy(START);
			Instant healthy = Instant.now();
			Drills.hold(Duration.ofSeconds(5));
			load.stop();

			List<CommittedEvent> events = committed.awaitAllSequenced(SETTLE);
			Set<UUID> ids = Committed.ids(events);
			consumers.awaitEveryEvent(committed, ids, SETTLE);
			DrillReport report = consumers
				.report(DrillReport.of("publisher-sigkill").sent(events.size()), committed, ids)
				.recovery(Drills.recovery(killed, events, consumers.arrivals(committed).toArray(new Arrivals[0])))
				.figure("committedUnpublishedAtKill", unpublishedAtKill)
				.figure("restartSeconds", Drills.seconds(Duration.between(killed, healthy)))
				.figure("apiRefusedWhileDown", load.refused().size())
				.write();

			assertThat(unpublishedAtKill).as("committed changes not yet published when the publisher died")
				.isPositive();
			assertThat(ids).as("every accepted change is a committed event")
				.containsAll(load.accepted().stream().map((a) -> UUID.fromString(a.eventId())).toList());
			assertThat(committed.contiguousFromMark(events)).as("sequence contiguous").isTrue();
			report.assertNothingLostOrDuplicated();
		}
	}

	/**
	 * Drill 3: two publisher instances share the database; exactly one relays. The leader
	 * is killed and the standby takes over within seconds, continuing the sequence
	 * without a hole.
	 */
	@Test
	@Order(2)
	void standbyPublisherTakesOverWithinSecondsWhenTheLeaderIsKilled() {
		ServiceProcess first = hub.stack().service("event-publisher");
		ServiceProcess second = hub.stack()
			.startAnotherInstance("event-publisher", "event-publisher-2")
			.awaitHealthy(START);
		List<ServiceProcess> instances = List.of(first, second);
		await().atMost(SETTLE).until(() -> leaders(instances) == 1);
		List<DrillUser> users = hub.createUsers("failover-drill", 4, 3);
		AtomicInteger twoLeaderSamples = new AtomicInteger();
		AtomicInteger samples = new AtomicInteger();
		ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
		watcher.scheduleWithFixedDelay(() -> {
			samples.incrementAndGet();
			if (leaders(instances) > 1) {
				twoLeaderSamples.incrementAndGet();
			}
		}, 0, 200, TimeUnit.MILLISECONDS);
		try (HubConsumers consumers = HubConsumers.attach(hub, users)) {
			Committed committed = Committed.mark(hub);
			SteadyLoad load = SteadyLoad.start(hub.http(), List.of(first.baseUrl(), second.baseUrl()), users,
					CHANGES_PER_SECOND);
			Drills.hold(Duration.ofSeconds(5));
			ServiceProcess leader = instances.stream()
				.filter((p) -> "LEADER".equals(hub.http().relayRole(p.baseUrl())))
				.findFirst()
				.orElseThrow();
			ServiceProcess standby = (leader == first) ? second : first;
			leader.kill();
			Instant killed = Instant.now();
			await().atMost(SETTLE)
				.pollInterval(Duration.ofMillis(100))
				.until(() -> "LEADER".equals(hub.http().relayRole(standby.baseUrl())));
			Duration leaderInHealth = Duration.between(killed, Instant.now());
			Drills.hold(Duration.ofSeconds(5));
			leader.start().awaitHealthy(START);
			Drills.hold(Duration.ofSeconds(3));
			load.stop();

			List<CommittedEvent> events = committed.awaitAllSequenced(SETTLE);
			Set<UUID> ids = Committed.ids(events);
			consumers.awaitEveryEvent(committed, ids, SETTLE);
			watcher.shutdownNow();
			Instant firstPublishedAfterKill = consumers.redis().live().firstArrivalAfter(killed);
			Duration takeover = Duration.between(killed,
					(firstPublishedAfterKill != null) ? firstPublishedAfterKill : Instant.now());
			DrillReport report = consumers
				.report(DrillReport.of("publisher-failover").sent(events.size()), committed, ids)
				.recovery(takeover)
				.figure("killedInstance", leader.name())
				.figure("healthShowsNewLeaderSeconds", Drills.seconds(leaderInHealth))
				.figure("consumersCompleteSeconds",
						Drills.seconds(Drills.recovery(killed, events,
								consumers.arrivals(committed).toArray(new Arrivals[0]))))
				.figure("roleSamples", samples.get())
				.figure("samplesWithTwoLeaders", twoLeaderSamples.get())
				.figure("apiRefused", load.refused().size())
				.write();

			assertThat(takeover).as("takeover time").isLessThan(Duration.ofSeconds(10));
			assertThat(twoLeaderSamples.get()).as("samples with two leaders").isZero();
			assertThat(leaders(instances)).as("leaders once the killed instance is back").isEqualTo(1);
			assertThat(committed.contiguousFromMark(events)).as("sequence contiguous").isTrue();
			assertThat(committed.streamIsContiguous()).as("the whole stream contiguous").isTrue();
			report.assertNothingLostOrDuplicated();
		}
		finally {
			watcher.shutdownNow();
			second.stop();
		}
	}

	private static long leaders(List<ServiceProcess> instances) {
		return instances.stream().filter((p) -> "LEADER".equals(hub.http().relayRole(p.baseUrl()))).count();
	}

	/** Committed changes that no subscriber can have received yet. */
	private static long unpublished() {
		try (Connection db = hub.database();
				PreparedStatement query = db.prepareStatement("select count(*) from publisher.events e, "
						+ "publisher.relay_state r where e.sequence is null or e.sequence > r.published_sequence")) {
			try (ResultSet row = query.executeQuery()) {
				row.next();
				return row.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
