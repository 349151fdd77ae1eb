package com.virtdevice.drills.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.virtdevice.drills.support.Committed.CommittedEvent;

/** Timing helpers the drills share. */
public final class Drills {

	private Drills() {
	}

	/**
	 * Lets the drill run for a while (load flowing, a fault lasting): the drill's own
	 * clock, not a wait for a condition.
	 */
	public static void hold(Duration duration) {
		if (duration.isNegative()) {
			return;
		}
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * How long after the fault ended the consumers had every event committed before it
	 * ended: the latest first arrival of those events, minus the end of the fault (zero
	 * when nothing was late).
	 */
	public static Duration recovery(Instant faultEnded, List<CommittedEvent> events, Arrivals... consumers) {
		Instant latest = faultEnded;
		for (CommittedEvent event : events) {
			if (event.occurredAt().isAfter(faultEnded)) {
				continue;
			}
			for (Arrivals consumer : consumers) {
				Arrivals.Arrival arrival = consumer.of(event.eventId());
				if (arrival != null && arrival.firstAt().isAfter(latest)) {
					latest = arrival.firstAt();
				}
			}
		}
		return Duration.between(faultEnded, latest);
	}

	/** Seconds with one decimal, for reports. */
	public static double seconds(Duration duration) {
		return Math.round(duration.toMillis() / 100.0) / 10.0;
	}

}
