package com.virtdevice.dashboard.relay;

import com.virtdevice.dashboard.DashboardProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's STOMP configuration (what {@code @EnableWebSocketMessageBroker} imports, set
 * up by {@link StompConfiguration}), with the relay's own WebSocket handler
 * ({@link RelayWebSocketHandler}).
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
		SubProtocolWebSocketHandler handler = new RelayWebSocketHandler(clientInboundChannel, clientOutboundChannel,
				sendBacklogs());
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
