package com.virtdevice.activity.audit;

import java.time.Duration;
import java.util.OptionalLong;

import com.virtdevice.support.events.HubEventListener;
import com.virtdevice.support.events.StreamedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The service's one event subscription: {@code device:*:state} and {@code global:events},
 * which together carry every event once. Each event goes to the {@link ActivityWriter}'s
 * queue; the stream resumes after the highest stored sequence, so events missed while the
 * service was down come from the replay API first.
 */
@Component
class AuditEventListener implements HubEventListener {

	private static final Logger log = LoggerFactory.getLogger(AuditEventListener.class);

	private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(10);

	private final ActivityWriter writer;

	private final BatchStore store;

	AuditEventListener(ActivityWriter writer, BatchStore store) {
		this.writer = writer;
		this.store = store;
	}

	@Override
	public StreamChannels channels() {
		return StreamChannels.DEVICES_AND_GLOBAL;
	}

	/**
	 * The highest stored sequence, or 0 on an empty table so that a fresh install imports
	 * what the publisher retains. Waits for the database rather than fail: a failure here
	 * would stop the event stream.
	 */
	@Override
	public OptionalLong lastHandledSequence() {
		for (int attempt = 1;; attempt++) {
			try {
				return this.store.lastStoredSequence();
			}
			catch (DataAccessException ex) {
				log.warn("Cannot read where the audit trail left off (attempt {}); retrying: {}", attempt,
						ex.getMessage());
				try {
					Thread.sleep(Math.min(MAX_RETRY_PAUSE.toMillis(), 500L * attempt));
				}
				catch (InterruptedException interrupted) {
					// Stopping: the stream's dispatcher exits without delivering
					// anything.
					Thread.currentThread().interrupt();
					return OptionalLong.empty();
				}
			}
		}
	}

	/** Hands the event over; waits only while the writer's queue is full. */
	@Override
	public void onEvent(StreamedEvent event) {
		try {
			this.writer.submit(event.event());
		}
		catch (InterruptedException ex) {
			// Stopping: neither this event nor any later one is stored, so the next start
			// resumes before it and fetches it from the replay API.
			Thread.currentThread().interrupt();
			log.info("Stopping before event {} (sequence {}) was queued; the next start fetches it again",
					event.event().eventId(), event.sequence());
		}
	}

}
