package com.virtdevice.drills.support;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The consumers a drill checks: a raw Redis subscriber, a dashboard STOMP session per
 * user, and the activity-log's audit table.
 */
public final class HubConsumers implements AutoCloseable {

	private final DrillHub hub;

	private final RedisTap redis;

	private final DashboardTap dashboard;

	private HubConsumers(DrillHub hub, RedisTap redis, DashboardTap dashboard) {
		this.hub = hub;
		this.redis = redis;
		this.dashboard = dashboard;
	}

	public static HubConsumers attach(DrillHub hub, List<DrillUser> users) {
		return new HubConsumers(hub, RedisTap.subscribe(hub.stack().redisUrl()),
				DashboardTap.open(hub.url("dashboard-ws"), users));
	}

	public RedisTap redis() {
		return this.redis;
	}

	public DashboardTap dashboard() {
		return this.dashboard;
	}

	/**
	 * Waits until the dashboard sessions and the audit table have every one of these
	 * events (or the timeout passes: the report then shows what is missing), then lets
	 * the Redis subscriber fetch what it missed from the replay API.
	 */
	public void awaitEveryEvent(Committed committed, Set<UUID> expected, Duration timeout) {
		try {
			await().atMost(timeout)
				.pollInterval(Duration.ofMillis(500))
				.until(() -> this.dashboard.arrivals().hasAll(expected)
						&& AuditTable.rowsAfter(this.hub, committed.afterSequence()).hasAll(expected));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			// The report counts what is missing and the drill fails on it.
		}
		this.redis.recoverGaps(this.hub, committed.afterSequence(), expected);
	}

	/** Each consumer's deliveries, the audit table as it is now. */
	public List<Arrivals> arrivals(Committed committed) {
		return List.of(Arrivals.union("redis", this.redis.live(), this.redis.replayed()), this.dashboard.arrivals(),
				AuditTable.rowsAfter(this.hub, committed.afterSequence()));
	}

	/** Adds every consumer's figures to the report. */
	public DrillReport report(DrillReport report, Committed committed, Set<UUID> expected) {
		for (Arrivals arrivals : arrivals(committed)) {
			report.consumer(arrivals, expected);
		}
		return report.figure("redisRecoveredThroughReplay", this.redis.replayed().receivedOf(expected));
	}

	@Override
	public void close() {
		this.dashboard.close();
		this.redis.close();
	}

}
