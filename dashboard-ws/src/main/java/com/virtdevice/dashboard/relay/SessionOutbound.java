package com.virtdevice.dashboard.relay;

import java.nio.charset.StandardCharsets;

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
 * that close a browser too slow to keep up. Sending never blocks the caller.
 */
final class SessionOutbound {

	private final String sessionId;

	private final MessageChannel ordered;

	SessionOutbound(String sessionId, MessageChannel clientOutboundChannel) {
		this.sessionId = sessionId;
		this.ordered = new OrderedMessageChannelDecorator(clientOutboundChannel,
				LogFactory.getLog(SessionOutbound.class));
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
		headers.setLeaveMutable(true);
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

}
