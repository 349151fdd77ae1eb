package com.virtdevice.dashboard.relay;

import com.virtdevice.dashboard.DashboardProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.web.socket.CloseStatus;
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

	private final DashboardProperties properties;

	StompBrokerConfiguration(DashboardProperties properties) {
		this.properties = properties;
	}

	@Override
	@Bean
	public WebSocketHandler subProtocolWebSocketHandler(AbstractSubscribableChannel clientInboundChannel,
			AbstractSubscribableChannel clientOutboundChannel) {
		SubProtocolWebSocketHandler handler = new SubProtocolWebSocketHandler(clientInboundChannel,
				clientOutboundChannel) {

			@Override
			protected WebSocketSession decorateSession(WebSocketSession session) {
				FlushBeforeCloseSessionDecorator decorated = new FlushBeforeCloseSessionDecorator(session,
						getSendTimeLimit(), getSendBufferSizeLimit());
				sendBacklogs().track(decorated);
				return decorated;
			}

			@Override
			public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
				sendBacklogs().forget(session.getId());
				super.afterConnectionClosed(session, closeStatus);
			}

		};
		handler.setPhase(getPhase());
		return handler;
	}

	/**
	 * What each session has unsent at its socket; a resume waits while more than a
	 * quarter of {@code send-buffer-size-limit} is, for at most {@code send-time-limit}.
	 */
	@Bean
	SendBacklogs sendBacklogs() {
		return new SendBacklogs(this.properties.sendBufferSizeLimit().toBytes() / 4, this.properties.sendTimeLimit());
	}

}
