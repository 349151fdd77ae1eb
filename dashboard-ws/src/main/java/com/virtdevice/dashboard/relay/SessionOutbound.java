package com.virtdevice.dashboard.relay;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * The way out to one STOMP session. Frames go through Spring's client outbound channel in
 * the order they are sent here (one at a time per session, as the simple broker does with
 * {@code preservePublishOrder}), so they pass the per-session send-time and buffer limits
 * that close a browser too slow to keep up. Sending never blocks the caller; a replay
 * paces itself with {@link #awaitBacklogBelow} on the bytes still on the way (queued here
 * or buffered at the socket).
 */
final class SessionOutbound {

	private static final String PENDING_HEADER = "virtdevice.outbound.pending";

	private final String sessionId;

	private final MessageChannel ordered;

	private final SendBacklogs backlogs;

	private final AtomicLong queued = new AtomicLong();

	SessionOutbound(String sessionId, MessageChannel clientOutboundChannel) {
		this(sessionId, clientOutboundChannel, new SendBacklogs(Long.MAX_VALUE, java.time.Duration.ZERO));
	}

	SessionOutbound(String sessionId, MessageChannel clientOutboundChannel, SendBacklogs backlogs) {
		this.sessionId = sessionId;
		this.ordered = new OrderedMessageChannelDecorator(clientOutboundChannel,
				LogFactory.getLog(SessionOutbound.class));
		this.backlogs = backlogs;
	}

	/**
	 * Called once a frame has been handed to the socket (see {@link OutboundHandled}).
	 */
	static void handled(Message<?> message) {
		if (message.getHeaders().get(PENDING_HEADER) instanceof Pending pending) {
			pending.outbound().queued.addAndGet(-pending.bytes());
		}
	}

	/** Bytes sent here and not yet written to the socket. */
	long backlog() {
		return this.queued.get() + this.backlogs.unsent(this.sessionId);
	}

	/**
	 * Waits until the backlog is at most the configured pause threshold, for at most the
	 * configured time.
	 * @return whether it is
	 */
	boolean awaitBacklogBelow() {
		long deadline = System.nanoTime() + this.backlogs.maxPause().toNanos();
		while (backlog() > this.backlogs.pauseAbove()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
		}
		return true;
	}

	String sessionId() {
		return this.sessionId;
	}

	/** A MESSAGE frame for a subscription, with the event's JSON as its body. */
	void message(String subscriptionId, byte[] json) {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId(this.sessionId);
		headers.setSubscriptionId(subscriptionId);
		headers.setDestination(StompProtocol.DEVICE_UPDATES);
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		headers.setHeader(PENDING_HEADER, new Pending(this, json.length));
		headers.setLeaveMutable(true);
		this.queued.addAndGet(json.length);
		this.ordered.send(MessageBuilder.createMessage(json, headers.getMessageHeaders()));
	}

	/** An ERROR frame; Spring closes the session after sending it. */
	void error(String reason) {
		StompHeaderAccessor headers = StompHeaderAccessor.create(StompCommand.ERROR);
		headers.setSessionId(this.sessionId);
		headers.setMessage(reason);
		headers.setContentType(MimeTypeUtils.TEXT_PLAIN);
		headers.setLeaveMutable(true);
		Message<byte[]> error = MessageBuilder.createMessage(reason.getBytes(StandardCharsets.UTF_8),
				headers.getMessageHeaders());
		this.ordered.send(error);
	}

	/** A frame's bytes, counted out again once it is handed to the socket. */
	private record Pending(SessionOutbound outbound, long bytes) {

	}

}
