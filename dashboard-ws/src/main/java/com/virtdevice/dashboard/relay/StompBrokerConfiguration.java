package com.virtdevice.dashboard.relay;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's STOMP configuration (what {@code @EnableWebSocketMessageBroker} imports, set
 * up by {@link StompConfiguration}), with sessions that deliver ERROR frames before
 * closing ({@link FlushBeforeCloseSessionDecorator}).
 */
@Configuration
class StompBrokerConfiguration extends DelegatingWebSocketMessageBrokerConfiguration {

	@Override
	@Bean
	public WebSocketHandler subProtocolWebSocketHandler(AbstractSubscribableChannel clientInboundChannel,
			AbstractSubscribableChannel clientOutboundChannel) {
		SubProtocolWebSocketHandler handler = new SubProtocolWebSocketHandler(clientInboundChannel,
				clientOutboundChannel) {

			@Override
			protected WebSocketSession decorateSession(WebSocketSession session) {
				return new FlushBeforeCloseSessionDecorator(session, getSendTimeLimit(), getSendBufferSizeLimit());
			}

		};
		handler.setPhase(getPhase());
		return handler;
	}

}
