package com.virtdevice.dashboard.relay;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.support.events.ReplayPage;
import com.virtdevice.support.events.ReplayUnavailable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings resuming subscriptions up to date: reads the user's events after its
 * {@code last-sequence} from the publisher's replay API with the user's own token, page
 * by page, then lets the subscription turn live. Runs on a small bounded pool, never on
 * the stream's dispatcher. If the replay API cannot be read, the subscription is refused
 * with an ERROR frame and the client reconnects later; it never silently skips events.
 */
final class ResumeReplays {

	private static final Logger log = LoggerFactory.getLogger(ResumeReplays.class);

	static final String UNAVAILABLE = "Cannot resume now: the publisher's replay API is unavailable. Reconnect later.";

	static final String BUSY = "Cannot resume now: too many resumes in progress. Reconnect later.";

	private final UserReplay replay;

	private final EventCodec codec;

	private final Executor executor;

	private final int pageSize;

	private final Counter resumed;

	private final Counter failed;

	private final Counter replayedEvents;

	ResumeReplays(UserReplay replay, EventCodec codec, Executor executor, int pageSize, MeterRegistry meters) {
		this.replay = replay;
		this.codec = codec;
		this.executor = executor;
		this.pageSize = pageSize;
		this.resumed = meters.counter("virtdevice.dashboard.resumes", "outcome", "live");
		this.failed = meters.counter("virtdevice.dashboard.resumes", "outcome", "failed");
		this.replayedEvents = meters.counter("virtdevice.dashboard.replayed.events");
	}

	/**
	 * The replay API as a user reads it: {@code ReplayClient.fetch(after, limit, token)}.
	 */
	@FunctionalInterface
	interface UserReplay {

		/**
		 * @throws ReplayUnavailable if the publisher cannot be asked right now
		 */
		ReplayPage fetch(long afterSequence, int limit, String userToken);

	}

	void start(DeviceUpdateSubscription subscription) {
		try {
			this.executor.execute(() -> resume(subscription));
		}
		catch (RejectedExecutionException ex) {
			log.warn("Refusing to resume {}: the replay queue is full", subscription);
			this.failed.increment();
			subscription.fail(BUSY);
		}
	}

	void resume(DeviceUpdateSubscription subscription) {
		long after = subscription.lastDelivered();
		try {
			while (!subscription.isClosed()) {
				ReplayPage page = this.replay.fetch(after, this.pageSize, subscription.user().token());
				long next = deliver(subscription, page.items(), Math.max(after, page.nextSequence()));
				boolean caughtUp = page.items().size() < this.pageSize || next <= after;
				after = next;
				if (caughtUp) {
					if (subscription.finishResume()) {
						this.resumed.increment();
						return;
					}
					after = subscription.lastDelivered();
				}
			}
		}
		catch (ReplayUnavailable ex) {
			log.warn("Could not resume {} after sequence {}: {}", subscription, after, ex.getMessage());
			this.failed.increment();
			subscription.fail(UNAVAILABLE);
		}
		catch (RuntimeException ex) {
			log.error("Resuming {} after sequence {} failed", subscription, after, ex);
			this.failed.increment();
			subscription.fail(UNAVAILABLE);
		}
	}

	/**
	 * Sends the page's events of this subscription's user in its tenant (a token with
	 * wider scopes gets everyone's) and returns where to continue.
	 */
	private long deliver(DeviceUpdateSubscription subscription, List<DeviceStateEvent> items, long next) {
		long position = next;
		for (DeviceStateEvent event : items) {
			position = Math.max(position, event.sequence());
			if (subscription.user().owns(event)) {
				subscription.awaitRoomToSend();
				subscription.replayed(event.sequence(), this.codec.encode(event));
				this.replayedEvents.increment();
			}
		}
		return position;
	}

}
