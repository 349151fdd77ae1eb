package com.virtdevice.dashboard.relay;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;

/**
 * Tells a {@link SessionOutbound} when a frame it sent has been handed to the socket, so
 * it knows how many of its bytes are still on the way.
 */
final class OutboundHandled implements ExecutorChannelInterceptor {

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
			@Nullable Exception ex) {
		SessionOutbound.handled(message);
	}

}
