package com.virtdevice.dashboard.relay;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Stands in for the client outbound channel in unit tests: records the frames sent to
 * sessions and, like the real channel once a frame is handed to the socket, releases the
 * session's next frame.
 */
final class RecordingOutboundChannel implements MessageChannel {

	private static final EventCodec codec = new EventCodec();

	private final List<Message<?>> sent = new CopyOnWriteArrayList<>();

	@Override
	public boolean send(Message<?> message, long timeout) {
		this.sent.add(message);
		SessionOutbound.handled(message);
		Runnable next = OrderedMessageChannelDecorator.getNextMessageTask(message);
		if (next != null) {
			next.run();
		}
		return true;
	}

	/** Sequences of the MESSAGE frames sent to a subscription. */
	List<Long> sequences(String subscriptionId) {
		return this.sent.stream()
			.filter((message) -> SimpMessageHeaderAccessor
				.getMessageType(message.getHeaders()) == SimpMessageType.MESSAGE)
			.filter((message) -> subscriptionId
				.equals(SimpMessageHeaderAccessor.getSubscriptionId(message.getHeaders())))
			.map((message) -> codec.decode((byte[]) message.getPayload()))
			.map(DeviceStateEvent::sequence)
			.toList();
	}

	/** The {@code message} headers of ERROR frames sent to a session. */
	List<String> errors(String sessionId) {
		return this.sent.stream()
			.map(StompHeaderAccessor::wrap)
			.filter((frame) -> frame.getCommand() == StompCommand.ERROR)
			.filter((frame) -> sessionId.equals(frame.getSessionId()))
			.map(StompHeaderAccessor::getMessage)
			.toList();
	}

	String body(int index) {
		return new String((byte[]) this.sent.get(index).getPayload(), StandardCharsets.UTF_8);
	}

}
