package com.virtdevice.dashboard.relay;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

/**
 * Registers subscriptions that {@link DestinationGuard} let through, starts their resume,
 * forgets them when the client unsubscribes or its session ends, and closes sessions
 * whose token has expired. Spring publishes these events on the session's own thread, in
 * the order of its frames.
 */
final class SubscriptionLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SubscriptionLifecycle.class);

	static final String TOKEN_EXPIRED = "The token has expired: connect again with a new one";

	private final DeviceUpdateSubscriptions subscriptions;

	private final ResumeReplays replays;

	private final int maxBufferedDuringReplay;

	private final Clock clock;

	SubscriptionLifecycle(DeviceUpdateSubscriptions subscriptions, ResumeReplays replays, int maxBufferedDuringReplay,
			Clock clock) {
		this.subscriptions = subscriptions;
		this.replays = replays;
		this.maxBufferedDuringReplay = maxBufferedDuringReplay;
		this.clock = clock;
	}

	@EventListener
	void subscribed(SessionSubscribeEvent event) {
		StompHeaderAccessor frame = StompHeaderAccessor.wrap(event.getMessage());
		if (!(event.getUser() instanceof StompUser user) || frame.getSessionId() == null
				|| frame.getSubscriptionId() == null) {
			return;
		}
		SessionOutbound out = this.subscriptions.outboundOf(frame.getSessionId(), user);
		long lastSequence = DestinationGuard.lastSequence(frame);
		DeviceUpdateSubscription subscription = (lastSequence < 0)
				? DeviceUpdateSubscription.live(user, frame.getSubscriptionId(), out) : DeviceUpdateSubscription
					.resuming(user, frame.getSubscriptionId(), out, lastSequence, this.maxBufferedDuringReplay);
		this.subscriptions.add(subscription);
		log.debug("{} subscribed{}", subscription, (lastSequence < 0) ? "" : " after sequence " + lastSequence);
		if (lastSequence >= 0) {
			this.replays.start(subscription);
		}
	}

	@EventListener
	void unsubscribed(SessionUnsubscribeEvent event) {
		StompHeaderAccessor frame = StompHeaderAccessor.wrap(event.getMessage());
		if (frame.getSessionId() != null && frame.getSubscriptionId() != null) {
			DeviceUpdateSubscription removed = this.subscriptions.remove(frame.getSessionId(),
					frame.getSubscriptionId());
			if (removed != null) {
				removed.close();
			}
		}
	}

	@EventListener
	void disconnected(SessionDisconnectEvent event) {
		this.subscriptions.removeSession(event.getSessionId()).forEach(DeviceUpdateSubscription::close);
	}

	/** Closes the sessions whose token has expired: an ERROR frame, then the socket. */
	void closeExpiredSessions() {
		for (SessionOutbound session : this.subscriptions.expiredAt(this.clock.instant())) {
			log.debug("Closing session {}: its token expired", session.sessionId());
			this.subscriptions.removeSession(session.sessionId()).forEach(DeviceUpdateSubscription::close);
			session.error(TOKEN_EXPIRED);
		}
	}

}
