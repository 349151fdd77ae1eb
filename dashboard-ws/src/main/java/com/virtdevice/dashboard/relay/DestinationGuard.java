package com.virtdevice.dashboard.relay;

import com.virtdevice.support.security.Scopes;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * What an authenticated client may do: SUBSCRIBE to {@value StompProtocol#DEVICE_UPDATES}
 * (its own events, with scope {@code events:read}) and nothing else. Every other
 * destination — other users' queues, {@code /topic/**}, the broker's internal names — and
 * every SEND is refused with an ERROR frame, which closes the connection. Changes go
 * through the publisher's REST API, never over this socket.
 */
final class DestinationGuard implements ChannelInterceptor {

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor frame = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (frame == null || frame.getCommand() == null) {
			return message;
		}
		if (frame.getCommand() == StompCommand.SUBSCRIBE) {
			checkSubscription(frame);
		}
		else if (frame.getCommand() == StompCommand.SEND) {
			throw new StompRefusal("SEND is not supported: change devices through the publisher's REST API");
		}
		return message;
	}

	private static void checkSubscription(StompHeaderAccessor frame) {
		if (!(frame.getUser() instanceof StompUser user)) {
			throw new StompRefusal("Not connected");
		}
		String destination = frame.getDestination();
		if (!StompProtocol.DEVICE_UPDATES.equals(destination)) {
			throw new StompRefusal("Cannot subscribe to " + abbreviate(destination) + ": the only destination is "
					+ StompProtocol.DEVICE_UPDATES);
		}
		if (!user.principal().hasScope(Scopes.EVENTS_READ)) {
			throw new StompRefusal("The token does not grant scope " + Scopes.EVENTS_READ);
		}
		lastSequence(frame);
	}

	/**
	 * The {@code last-sequence} header of a SUBSCRIBE, or -1 without one.
	 * @throws StompRefusal if it is not a non-negative number
	 */
	static long lastSequence(StompHeaderAccessor frame) {
		String value = frame.getFirstNativeHeader(StompProtocol.LAST_SEQUENCE_HEADER);
		if (value == null || value.isBlank()) {
			return -1;
		}
		try {
			long sequence = Long.parseLong(value.trim());
			if (sequence >= 0) {
				return sequence;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new StompRefusal(StompProtocol.LAST_SEQUENCE_HEADER + " must be a sequence number (0 or more), not "
				+ abbreviate(value));
	}

	private static String abbreviate(@Nullable String value) {
		if (value == null) {
			return "(no destination)";
		}
		return "'" + ((value.length() > 80) ? value.substring(0, 80) + "…" : value) + "'";
	}

}
