package com.virtdevice.drills.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.virtdevice.drills.support.Arrivals;
import com.virtdevice.drills.support.Committed;
import com.virtdevice.drills.support.Committed.CommittedEvent;
import com.virtdevice.drills.support.DashboardTap;
import com.virtdevice.drills.support.DrillHub;
import com.virtdevice.drills.support.DrillReport;
import com.virtdevice.drills.support.DrillUser;
import com.virtdevice.drills.support.Drills;
import com.virtdevice.drills.support.SteadyLoad;
import com.virtdevice.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drill 8: two dashboard-ws instances behind the same Redis and replay API. The instance
 * a browser is connected to is killed with SIGKILL under load; the browser reconnects to
 * the other instance with the {@code last-sequence} it had seen, and gets every event of
 * its user once and in order. Browsers on the surviving instance are not interrupted.
 */
class DashboardFailoverDrillIT {

	private static final int CHANGES_PER_SECOND = 20;

	private static final Duration START = Duration.ofMinutes(4);

	private static final Duration SETTLE = Duration.ofSeconds(90);

	private static DrillHub hub;

	@BeforeAll
	static void startTheHub() {
		hub = DrillHub.shared();
	}

	@AfterEach
	void stopTheLoad() {
		SteadyLoad.stopAll();
	}

	@Test
	void aBrowserWhoseDashboardInstanceDiesResumesOnAnotherWithoutAGapOrARepeat() {
		ServiceProcess second = hub.stack().startAnotherInstance("dashboard-ws", "dashboard-ws-2").awaitHealthy(START);
		try {
			List<DrillUser> users = hub.createUsers("dashboard-failover-drill", 2, 3);
			DrillUser moved = users.get(0);
			DrillUser stayed = users.get(1);
			Committed committed = Committed.mark(hub);
			// The staying browser is on the stack's own instance, which survives; the
			// moving
			// browser starts on the second instance, which is killed, and resumes on the
			// first.
			DashboardTap onSurvivor = DashboardTap.open("dashboard (surviving instance)", hub.url("dashboard-ws"),
					List.of(stayed));
			DashboardTap onKilled = DashboardTap.open("dashboard (killed instance)", second.baseUrl(), List.of(moved));
			SteadyLoad load = SteadyLoad.start(hub.http(), List.of(hub.url("event-publisher")), users,
					CHANGES_PER_SECOND);
			Drills.hold(Duration.ofSeconds(5));
			List<Long> seenBeforeKill = new ArrayList<>();
			second.kill();
			Instant killed = Instant.now();
			seenBeforeKill.addAll(onKilled.sequences());
			long lastSeen = seenBeforeKill.isEmpty() ? committed.afterSequence()
					: seenBeforeKill.get(seenBeforeKill.size() - 1);
			Drills.hold(Duration.ofSeconds(3));
			DashboardTap resumed = DashboardTap.resume("dashboard (resumed on the other instance)",
					hub.url("dashboard-ws"), moved, lastSeen);
			Instant resumedAt = Instant.now();
			Drills.hold(Duration.ofSeconds(5));
			load.stop();

			List<CommittedEvent> events = committed.awaitAllSequenced(SETTLE);
			List<CommittedEvent> movedEvents = events.stream()
				.filter((e) -> e.userId().equals(moved.userId()))
				.toList();
			List<CommittedEvent> stayedEvents = events.stream()
				.filter((e) -> e.userId().equals(stayed.userId()))
				.toList();
			Set<UUID> movedIds = Committed.ids(movedEvents);
			Set<UUID> stayedIds = Committed.ids(stayedEvents);
			try {
				await().atMost(SETTLE)
					.until(() -> Arrivals.union("moved", onKilled.arrivals(), resumed.arrivals()).hasAll(movedIds));
				await().atMost(SETTLE).until(() -> onSurvivor.arrivals().hasAll(stayedIds));
			}
			catch (org.awaitility.core.ConditionTimeoutException ex) {
				// counted as lost below
			}
			Arrivals movedTotal = Arrivals.union("dashboard (moved browser, both instances)", onKilled.arrivals(),
					resumed.arrivals());
			Instant firstAfterResume = resumed.arrivals().firstArrivalAfter(resumedAt.minusSeconds(1));
			List<Long> movedOrder = new ArrayList<>(seenBeforeKill);
			movedOrder.addAll(resumed.sequences());
			List<Long> expectedOrder = movedEvents.stream().map(CommittedEvent::sequence).toList();

			DrillReport report = DrillReport.of("dashboard-failover")
				.sent(events.size())
				.consumer(movedTotal, movedIds)
				.consumer(onSurvivor.arrivals(), stayedIds)
				.recovery(Duration.between(killed, (firstAfterResume != null) ? firstAfterResume : Instant.now()))
				.figure("eventsBeforeKill", seenBeforeKill.size())
				.figure("eventsAfterResume", resumed.sequences().size())
				.figure("survivingBrowserMaxLatencySeconds", Drills.seconds(onSurvivor.maxLatency()))
				.write();
			onKilled.close();
			resumed.close();
			onSurvivor.close();

			assertThat(seenBeforeKill).as("events the browser saw before its instance died").isNotEmpty();
			assertThat(movedOrder).as("the moved browser's events across both instances, in order, each once")
				.containsExactlyElementsOf(expectedOrder);
			assertThat(onSurvivor.maxLatency()).as("the browser on the surviving instance was not held up")
				.isLessThan(Duration.ofSeconds(5));
			report.assertNothingLostOrDuplicated();
		}
		finally {
			second.stop();
		}
	}

}
