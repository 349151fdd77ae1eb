package com.virtdevice.dashboard.relay;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Bounds what one connection may send: frames at a sustained rate with a burst allowance
 * (a token bucket), and a number of subscriptions at once. A client over either limit is
 * refused with an ERROR frame, which closes its connection; well-behaved browsers send a
 * handful of frames per session. Heart-beats are not frames here. (The size of one frame
 * is bounded by the WebSocket container.)
 */
final class InboundFrameLimits implements ChannelInterceptor {

	private final double framesPerSecond;

	private final int burst;

	private final int maxSubscriptions;

	private final LongSupplier nanoTime;

	private final Map<String, Budget> sessions = new ConcurrentHashMap<>();

	InboundFrameLimits(double framesPerSecond, int burst, int maxSubscriptions, LongSupplier nanoTime) {
		this.framesPerSecond = framesPerSecond;
		this.burst = burst;
		this.maxSubscriptions = maxSubscriptions;
		this.nanoTime = nanoTime;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor frame = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (frame == null || frame.getCommand() == null || frame.getSessionId() == null) {
			return message;
		}
		String session = frame.getSessionId();
		if (frame.getCommand() == StompCommand.DISCONNECT) {
			this.sessions.remove(session);
			return message;
		}
		Budget budget = this.sessions.computeIfAbsent(session, (id) -> new Budget(this.burst, this.nanoTime));
		if (!budget.take(this.framesPerSecond, this.burst)) {
			this.sessions.remove(session);
			throw new StompRefusal("Too many frames: at most " + this.burst + " at once and "
					+ (int) this.framesPerSecond + " a second after that");
		}
		if (frame.getCommand() == StompCommand.SUBSCRIBE
				&& !budget.subscribe(frame.getSubscriptionId(), this.maxSubscriptions)) {
			this.sessions.remove(session);
			throw new StompRefusal("Too many subscriptions: at most " + this.maxSubscriptions + " per connection");
		}
		if (frame.getCommand() == StompCommand.UNSUBSCRIBE) {
			budget.unsubscribe(frame.getSubscriptionId());
		}
		return message;
	}

	/** Sessions being tracked (for tests and the gauge). */
	int sessions() {
		return this.sessions.size();
	}

	/** One session's frame allowance and subscription ids; used by its own thread. */
	private static final class Budget {

		private final LongSupplier nanoTime;

		private final Set<String> subscriptions = new HashSet<>();

		private double tokens;

		private long updatedAt;

		Budget(int burst, LongSupplier nanoTime) {
			this.nanoTime = nanoTime;
			this.tokens = burst;
			this.updatedAt = nanoTime.getAsLong();
		}

		synchronized boolean take(double perSecond, int burst) {
			long now = this.nanoTime.getAsLong();
			this.tokens = Math.min(burst, this.tokens + (now - this.updatedAt) * perSecond / 1e9);
			this.updatedAt = now;
			if (this.tokens < 1) {
				return false;
			}
			this.tokens--;
			return true;
		}

		synchronized boolean subscribe(String id, int max) {
			if (this.subscriptions.contains(id) || this.subscriptions.size() < max) {
				this.subscriptions.add(String.valueOf(id));
				return true;
			}
			return false;
		}

		synchronized void unsubscribe(String id) {
			this.subscriptions.remove(id);
		}

	}

}
