package com.virtdevice.alexa.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Housekeeping around the pipeline: marks reports an earlier run left pending before any
 * event flows, writes the stream position periodically and once more at shutdown (after
 * the event stream has stopped), and purges old delivery records.
 */
final class DeliveryLifecycle implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryLifecycle.class);

	private final Deliveries deliveries;

	private final StreamPosition position;

	private final ScheduledExecutorService scheduler;

	private final Duration flushInterval;

	private final Duration retention;

	private final Clock clock;

	private volatile @Nullable ScheduledFuture<?> flushing;

	private volatile @Nullable ScheduledFuture<?> purging;

	DeliveryLifecycle(Deliveries deliveries, StreamPosition position, ScheduledExecutorService scheduler,
			Duration flushInterval, Duration retention, Clock clock) {
		this.deliveries = deliveries;
		this.position = position;
		this.scheduler = scheduler;
		this.flushInterval = flushInterval;
		this.retention = retention;
		this.clock = clock;
	}

	@Override
	public void start() {
		int interrupted = this.deliveries.interruptPending();
		if (interrupted > 0) {
			log.warn("{} report(s) were pending when the service last stopped; their events are replayed", interrupted);
		}
		long interval = Math.max(100, this.flushInterval.toMillis());
		this.flushing = this.scheduler.scheduleWithFixedDelay(this.position::flush, interval, interval,
				TimeUnit.MILLISECONDS);
		this.purging = this.scheduler.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
	}

	@Override
	public void stop() {
		cancel(this.flushing);
		cancel(this.purging);
		this.flushing = null;
		this.purging = null;
		this.position.flush();
		log.info("Stored stream position {}", this.position.written());
	}

	@Override
	public boolean isRunning() {
		return this.flushing != null;
	}

	/**
	 * Starts before and stops after the event stream ({@code Integer.MAX_VALUE - 200}).
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 300;
	}

	private void purge() {
		try {
			int purged = this.deliveries.purgeOlderThan(this.clock.instant().minus(this.retention));
			if (purged > 0) {
				log.info("Purged {} delivery record(s) older than {}", purged, this.retention);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not purge old delivery records: {}", ex.getMessage());
		}
	}

	private static void cancel(@Nullable ScheduledFuture<?> task) {
		if (task != null) {
			task.cancel(false);
		}
	}

}
