package com.virtdevice.drills.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.virtdevice.drills.support.Arrivals;
import com.virtdevice.drills.support.AuditTable;
import com.virtdevice.drills.support.Committed;
import com.virtdevice.drills.support.Committed.CommittedEvent;
import com.virtdevice.drills.support.DashboardTap;
import com.virtdevice.drills.support.DrillHub;
import com.virtdevice.drills.support.DrillReport;
import com.virtdevice.drills.support.DrillUser;
import com.virtdevice.drills.support.Drills;
import com.virtdevice.drills.support.HubConsumers;
import com.virtdevice.drills.support.SteadyLoad;
import com.virtdevice.drills.support.StuckBrowser;
import com.virtdevice.localstack.Sandbox;
import com.virtdevice.testsupport.RecordedRequest;
import com.virtdevice.testsupport.RecordingHttpServer.Response;
import com.virtdevice.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drills 4, 6 and 7: a consumer down for a minute under load; consumers that stop keeping
 * up — a dashboard browser that stops reading, an Alexa Event Gateway answering 429 for a
 * minute; the publisher's replay API unreachable for 30 s under load.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerDrillsIT {

	private static final int CHANGES_PER_SECOND = 20;

	private static final Duration MINUTE = Duration.ofSeconds(60);

	private static final Duration SETTLE = Duration.ofSeconds(90);

	/** The longest commit-to-dashboard time that still counts as live in drill 7. */
	private static final Duration LIVE = Duration.ofSeconds(1);

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
	 * Drill 4: activity-log killed and kept down for 60 s under load, then started again:
	 * it catches up from the replay API and the audit table ends complete, without a
	 * duplicate.
	 */
	@Test
	@Order(1)
	void activityLogDownForAMinuteEndsWithACompleteAuditTable() {
		List<DrillUser> users = hub.createUsers("audit-drill", 4, 3);
		ServiceProcess activityLog = hub.stack().service("activity-log");
		try (HubConsumers consumers = HubConsumers.attach(hub, users)) {
			Committed committed = Committed.mark(hub);
			SteadyLoad load = SteadyLoad.start(hub.http(), List.of(hub.url("event-publisher")), users,
					CHANGES_PER_SECOND);
			Drills.hold(Duration.ofSeconds(5));
			activityLog.kill();
			Instant down = Instant.now();
			try {
				Drills.hold(MINUTE);
			}
			finally {
				activityLog.start();
			}
			Instant restarted = Instant.now();
			activityLog.awaitHealthy(Duration.ofMinutes(5));
			Instant healthy = Instant.now();
			Drills.hold(Duration.ofSeconds(5));
			load.stop();

			List<CommittedEvent> events = committed.awaitAllSequenced(SETTLE);
			Set<UUID> ids = Committed.ids(events);
			consumers.awaitEveryEvent(committed, ids, SETTLE);
			Arrivals audit = AuditTable.rowsAfter(hub, committed.afterSequence());
			long committedWhileDown = events.stream()
				.filter((e) -> e.occurredAt().isAfter(down) && e.occurredAt().isBefore(restarted))
				.count();
			DrillReport report = consumers
				.report(DrillReport.of("activity-log-down").sent(events.size()), committed, ids)
				.recovery(Drills.recovery(restarted, events, audit))
				.figure("downSeconds", Drills.seconds(Duration.between(down, restarted)))
				.figure("committedWhileDown", committedWhileDown)
				.figure("startSeconds", Drills.seconds(Duration.between(restarted, healthy)))
				.figure("auditRowsAfterMark",
						audit.receivedOf(ids) + audit.unexpectedAfter(committed.afterSequence(), ids))
				.write();

			assertThat(committedWhileDown).isPositive();
			assertThat(audit.unexpectedAfter(committed.afterSequence(), ids)).as("audit rows of no committed event")
				.isZero();
			report.assertNothingLostOrDuplicated();
		}
	}

	/**
	 * Drill 6: while the load runs, one user's browser stops reading and receives a burst
	 * of large events, and the Alexa Event Gateway of one region answers 429 for a
	 * minute. The stuck browser is cut off with bounded memory and resumes without a gap;
	 * the other users' browsers and the other region's reports are not held up; the
	 * throttled region's reports recover when the gateway does.
	 */
	@Test
	@Order(2)
	void aStuckBrowserAndAThrottledAlexaGatewayHoldUpNobodyElse() throws Exception {
		List<DrillUser> users = hub.createUsers("slow-drill", 3, 2);
		DrillUser stuckUser = users.get(0);
		DrillUser throttledUser = users.get(1);
		DrillUser alexaUser = users.get(2);
		linkAlexa(throttledUser, "NA");
		linkAlexa(alexaUser, "EU");
		String dashboard = hub.url("dashboard-ws");
		String token = hub.serviceToken();
		// Sessions of earlier drills close asynchronously; count from none.
		await().atMost(Duration.ofSeconds(30)).until(() -> subscriptions(dashboard) == 0);
		double subscriptionsBefore = 0;
		try (HubConsumers consumers = HubConsumers.attach(hub, users);
				StuckBrowser stuck = StuckBrowser.subscribe(hub.stack().service("dashboard-ws").port(),
						stuckUser.token())) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> subscriptions(dashboard) >= subscriptionsBefore + users.size() + 1);
			Committed committed = Committed.mark(hub);
			consumers.dashboard().resetMaxLatency();
			AtomicLong heapMax = new AtomicLong();
			ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
			sampler.scheduleWithFixedDelay(
					() -> heapMax.accumulateAndGet(
							(long) hub.http().metric(dashboard, token, "jvm.memory.used", "area:heap"), Math::max),
					0, 500, TimeUnit.MILLISECONDS);
			SteadyLoad load = SteadyLoad.start(hub.http(), List.of(hub.url("event-publisher")), users,
					CHANGES_PER_SECOND, "brightness", (n) -> Long.toString(n % 100));
			Drills.hold(Duration.ofSeconds(3));

			hub.stack()
				.sandbox()
				.alexaAnswers("na", Response.json(429, "{\"header\":{\"namespace\":\"System\","
						+ "\"name\":\"ErrorResponse\"},\"payload\":{\"code\":\"THROTTLING_EXCEPTION\"}}"));
			Instant throttled = Instant.now();
			int burst;
			Instant cutOff;
			Instant unthrottled;
			try {
				burst = burstUntilCutOff(stuckUser, dashboard, subscriptionsBefore + users.size());
				try {
					await().atMost(Duration.ofSeconds(30))
						.pollInterval(Duration.ofMillis(250))
						.until(() -> subscriptions(dashboard) <= subscriptionsBefore + users.size());
				}
				catch (org.awaitility.core.ConditionTimeoutException ex) {
					// the drill fails below: the server did not close the stuck
					// connection
				}
				cutOff = Instant.now();
				Drills.hold(Duration.between(Instant.now(), throttled.plus(MINUTE)));
			}
			finally {
				hub.stack().sandbox().alexaAnswers("na", Sandbox.ALEXA_ACCEPTED);
				unthrottled = Instant.now();
			}
			Drills.hold(Duration.ofSeconds(10));
			load.stop();
			sampler.shutdownNow();
			boolean closedByServer = stuck.drainUntilClosed();

			List<CommittedEvent> events = committed.awaitAllSequenced(SETTLE);
			Set<UUID> ids = Committed.ids(events);
			consumers.awaitEveryEvent(committed, ids, SETTLE);
			Duration othersMaxLatency = consumers.dashboard().maxLatency();
			List<CommittedEvent> stuckEvents = events.stream()
				.filter((e) -> e.userId().equals(stuckUser.userId()))
				.toList();
			Set<UUID> stuckIds = Committed.ids(stuckEvents);
			Instant resumeStarted = Instant.now();
			try (DashboardTap resumed = DashboardTap.resume("resumed stuck browser", dashboard, stuckUser,
					committed.afterSequence())) {
				try {
					await().atMost(SETTLE).until(() -> resumed.arrivals().hasAll(stuckIds));
				}
				catch (org.awaitility.core.ConditionTimeoutException ex) {
					// counted as lost below
				}
				Duration resumeTook = Duration.between(resumeStarted, Instant.now());
				List<Long> expectedOrder = stuckEvents.stream().map(CommittedEvent::sequence).toList();

				List<RecordedRequest> na = hub.stack().sandbox().traffic(Sandbox.alexaPath("na"));
				List<RecordedRequest> eu = hub.stack().sandbox().traffic(Sandbox.alexaPath("eu"));
				long naThrottled = na.stream().filter((r) -> between(r, throttled, unthrottled)).count();
				Instant naRecovered = na.stream()
					.map(RecordedRequest::receivedAt)
					.filter((at) -> at.isAfter(unthrottled))
					.min(Instant::compareTo)
					.orElse(Instant.MAX);
				List<Instant> euDuring = eu.stream()
					.map(RecordedRequest::receivedAt)
					.filter((at) -> at.isAfter(throttled) && at.isBefore(unthrottled))
					.toList();
				Duration euLongestGap = longestGap(throttled, euDuring, unthrottled);
				long deadLettered = deadLettered(throttledUser);
				boolean naShowsTheTruth = lastReportsShowFinalState(throttledUser, "na");
				boolean euShowsTheTruth = lastReportsShowFinalState(alexaUser, "eu");

				DrillReport report = DrillReport.of("slow-consumers").sent(events.size());
				consumers.report(report, committed, ids);
				report.consumer(resumed.arrivals(), stuckIds)
					.consumer("alexa (throttled region NA)",
							alexaFigures(naThrottled, deadLettered, naRecovered, unthrottled, naShowsTheTruth))
					.consumer("alexa (other region EU)",
							Map.of("reportsDuringThrottle", euDuring.size(), "longestGapSeconds",
									Drills.seconds(euLongestGap), "finalStateReported", euShowsTheTruth))
					.recovery(Duration.between(unthrottled, naRecovered))
					.figure("stuckBrowserBurstEvents", burst)
					.figure("stuckBrowserCutOffAfterSeconds", Drills.seconds(Duration.between(throttled, cutOff)))
					.figure("stuckBrowserResumeSeconds", Drills.seconds(resumeTook))
					.figure("othersMaxLatencySeconds", Drills.seconds(othersMaxLatency))
					.figure("dashboardHeapMaxMiB", heapMax.get() / (1024 * 1024))
					.write();

				assertThat(closedByServer).as("the server closed the stuck browser's connection").isTrue();
				assertThat(resumed.sequences()).as("the resumed browser's events, in order")
					.containsExactlyElementsOf(expectedOrder);
				assertThat(othersMaxLatency).as("other users' browsers were not held up")
					.isLessThan(Duration.ofSeconds(5));
				assertThat(naThrottled).as("requests the throttled gateway refused").isPositive();
				assertThat(euDuring).as("the other region's reports during the throttling").hasSizeGreaterThan(10);
				assertThat(euLongestGap).as("longest pause of the other region's reports")
					.isLessThan(Duration.ofSeconds(5));
				assertThat(naRecovered).as("the throttled region's reports resumed").isBefore(Instant.MAX);
				assertThat(naShowsTheTruth).as("Alexa shows the final state of the throttled user's devices").isTrue();
				assertThat(euShowsTheTruth).as("Alexa shows the final state of the other user's devices").isTrue();
				report.assertNothingLostOrDuplicated();
			}
		}
	}

	/**
	 * Drill 7: the publisher's HTTP API (replay) unreachable for 30 s under load, while
	 * the publisher keeps committing and publishing. Live events do not need it: the
	 * dashboards keep receiving them as they happen, every consumer ends with every event
	 * once and in order, and every consumer's stream position reaches the publisher's
	 * latest sequence once the API is back.
	 */
	@Test
	@Order(3)
	void thePublishersReplayApiDownForThirtySecondsStopsNoLiveDeliveryAndLosesNothing() {
		List<DrillUser> users = hub.createUsers("replay-down", 3, 2);
		Duration outage = Duration.ofSeconds(30);
		try (HubConsumers consumers = HubConsumers.attach(hub, users)) {
			Committed committed = Committed.mark(hub);
			SteadyLoad load = SteadyLoad.start(hub.http(), List.of(hub.url("event-publisher")), users,
					CHANGES_PER_SECOND);
			Drills.hold(Duration.ofSeconds(5));
			hub.publisherApi().shut();
			Instant shut = Instant.now();
			Instant reopened;
			try {
				Drills.hold(outage);
			}
			finally {
				hub.publisherApi().open();
				reopened = Instant.now();
			}
			Drills.hold(Duration.ofSeconds(5));
			load.stop();

			List<CommittedEvent> events = committed.awaitAllSequenced(SETTLE);
			Set<UUID> ids = Committed.ids(events);
			consumers.awaitEveryEvent(committed, ids, SETTLE);
			long latest = events.stream().mapToLong(CommittedEvent::sequence).max().orElse(0);
			List<String> behind = hub.awaitConsumersAt(latest, SETTLE);
			List<CommittedEvent> duringOutage = events.stream()
				.filter((e) -> !e.occurredAt().isBefore(shut) && e.occurredAt().isBefore(reopened))
				.toList();
			// Live: within a second of its commit (had it waited for the API, it would
			// have
			// arrived up to 30 s later, after the gate opened).
			long liveDuringOutage = duringOutage.stream().filter((e) -> {
				Arrivals.Arrival arrival = consumers.dashboard().arrivals().of(e.eventId());
				return arrival != null && Duration.between(e.occurredAt(), arrival.firstAt()).compareTo(LIVE) <= 0;
			}).count();
			Duration slowestDuringOutage = duringOutage.stream().map((e) -> {
				Arrivals.Arrival arrival = consumers.dashboard().arrivals().of(e.eventId());
				return (arrival != null) ? Duration.between(e.occurredAt(), arrival.firstAt()) : outage;
			}).max(Duration::compareTo).orElse(Duration.ZERO);
			long outOfOrder = outOfOrderPerUser(events, consumers.dashboard().arrivals())
					+ outOfOrderPerUser(events, AuditTable.rowsAfter(hub, committed.afterSequence()));
			DrillReport report = consumers.report(DrillReport.of("replay-api-down").sent(events.size()), committed, ids)
				.figure("outageSeconds", Drills.seconds(Duration.between(shut, reopened)))
				.figure("committedDuringOutage", duringOutage.size())
				.figure("deliveredLiveToDashboardsDuringOutage", liveDuringOutage)
				.figure("slowestDashboardArrivalDuringOutageMillis", slowestDuringOutage.toMillis())
				.figure("outOfOrder", outOfOrder)
				.figure("consumersBehindAfterwards", behind)
				.write();

			assertThat(duringOutage).isNotEmpty();
			assertThat(liveDuringOutage)
				.as("events committed during the outage that dashboards received within " + LIVE + " of their commit")
				.isEqualTo(duringOutage.size());
			assertThat(outOfOrder).as("events delivered out of order").isZero();
			assertThat(behind).as("consumers whose position did not reach the publisher's latest").isEmpty();
			report.assertNothingLostOrDuplicated();
		}
	}

	/**
	 * Events of one user that arrived before an earlier-sequenced event of the same user.
	 */
	private static long outOfOrderPerUser(List<CommittedEvent> events, Arrivals arrivals) {
		long outOfOrder = 0;
		Map<String, Instant> lastArrival = new HashMap<>();
		for (CommittedEvent event : events.stream()
			.sorted(Comparator.comparingLong(CommittedEvent::sequence))
			.toList()) {
			Arrivals.Arrival arrival = arrivals.of(event.eventId());
			if (arrival == null) {
				continue;
			}
			Instant previous = lastArrival.put(event.userId(), arrival.firstAt());
			if (previous != null && arrival.firstAt().isBefore(previous)) {
				outOfOrder++;
			}
		}
		return outOfOrder;
	}

	/**
	 * Large changes of the user's first device (40 events of ~1 KB a request) until the
	 * stuck browser is cut off — how much the kernel's socket buffers absorb first varies
	 * — or 200 requests were sent.
	 */
	private int burstUntilCutOff(DrillUser user, String dashboard, double subscriptionsWhenCutOff) {
		String padding = "x".repeat(900);
		int propertiesEach = 40;
		int events = 0;
		for (int r = 0; r < 200 && subscriptions(dashboard) > subscriptionsWhenCutOff; r++) {
			StringBuilder values = new StringBuilder();
			for (int p = 0; p < propertiesEach; p++) {
				values.append((p == 0) ? "" : ",")
					.append("\"note")
					.append(p)
					.append("\":\"")
					.append(padding)
					.append(r)
					.append("\"");
			}
			hub.http()
				.expect(200, 200, "PATCH",
						hub.url("event-publisher") + "/api/devices/" + user.devices().get(0) + "/properties",
						user.token(), "{\"values\":{" + values + "},\"source\":\"api\"}");
			events += propertiesEach;
		}
		return events;
	}

	private static double subscriptions(String dashboard) {
		return hub.http().metric(dashboard, hub.serviceToken(), "virtdevice.dashboard.subscriptions");
	}

	private static void linkAlexa(DrillUser user, String region) {
		hub.http()
			.expect(201, 200, "POST", hub.url("alexa-subscriber") + "/api/alexa/grants", user.token(),
					"{\"code\":\"sandbox-grant-code\",\"region\":\"" + region + "\"}");
	}

	private static long deadLettered(DrillUser user) {
		JsonNode page = hub.http()
			.get(hub.url("alexa-subscriber") + "/api/alexa/deliveries?outcome=DEAD_LETTERED&limit=500",
					hub.serviceToken());
		long count = 0;
		for (JsonNode item : page.path("items")) {
			if (item.path("userId").asString().equals(user.userId())) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Whether the last ChangeReport the region's gateway received for each of the user's
	 * devices carries the device's final brightness.
	 */
	private static boolean lastReportsShowFinalState(DrillUser user, String region) {
		List<RecordedRequest> reports = hub.stack().sandbox().traffic(Sandbox.alexaPath(region));
		for (String device : user.devices()) {
			String expected = hub.http()
				.get(hub.url("event-publisher") + "/api/devices/" + device, user.token())
				.path("properties")
				.path("brightness")
				.asString();
			JsonNode last = null;
			for (RecordedRequest report : reports) {
				if (report.bodyAsString().contains("\"endpointId\":\"" + device + "\"")) {
					last = JsonMapper.shared().readTree(report.bodyAsString());
				}
			}
			if (last == null) {
				return false;
			}
			List<String> brightness = new ArrayList<>();
			for (JsonNode property : last.findValues("properties")) {
				for (JsonNode p : property) {
					if (p.path("name").asString().equals("brightness")) {
						brightness.add(p.path("value").asString());
					}
				}
			}
			if (!brightness.contains(expected)) {
				return false;
			}
		}
		return true;
	}

	private static Map<String, Object> alexaFigures(long throttled, long deadLettered, Instant recovered,
			Instant unthrottled, boolean finalState) {
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("answered429", throttled);
		figures.put("deadLettered", deadLettered);
		figures.put("firstReportAfterThrottleSeconds",
				recovered.equals(Instant.MAX) ? -1 : Drills.seconds(Duration.between(unthrottled, recovered)));
		figures.put("finalStateReported", finalState);
		return figures;
	}

	private static boolean between(RecordedRequest request, Instant from, Instant to) {
		return request.receivedAt().isAfter(from) && request.receivedAt().isBefore(to);
	}

	private static Duration longestGap(Instant from, List<Instant> times, Instant to) {
		Duration longest = Duration.ZERO;
		Instant previous = from;
		for (Instant at : times) {
			longest = (Duration.between(previous, at).compareTo(longest) > 0) ? Duration.between(previous, at)
					: longest;
			previous = at;
		}
		Duration last = Duration.between(previous, to);
		return (last.compareTo(longest) > 0) ? last : longest;
	}

}
