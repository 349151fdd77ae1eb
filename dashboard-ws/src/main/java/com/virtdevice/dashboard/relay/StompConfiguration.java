package com.virtdevice.dashboard.relay;

import com.virtdevice.dashboard.DashboardProperties;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.StompWebSocketEndpointRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * STOMP over WebSocket at {@value StompProtocol#ENDPOINT}: token check at CONNECT, one
 * allowed destination, frames to each browser in order with bounded send time and buffer,
 * bounded inbound frames (size, rate, subscriptions per connection), heart-beats.
 * <p>
 * Spring's simple broker is kept only for what it does per connection (CONNECTED,
 * heart-beats, DISCONNECT). Its destination prefix matches nothing a client may subscribe
 * to, so it never holds a subscription; the relay sends every MESSAGE frame itself
 * ({@link SessionOutbound}).
 */
@Configuration(proxyBeanMethods = false)
class StompConfiguration implements WebSocketMessageBrokerConfigurer {

	private static final String NO_BROKER_DESTINATIONS = "/no-broker-destinations/";

	private final DashboardProperties properties;

	private final JwtDecoder jwtDecoder;

	private final TaskScheduler scheduler;

	StompConfiguration(DashboardProperties properties, JwtDecoder jwtDecoder,
			@Qualifier("dashboardScheduler") TaskScheduler dashboardScheduler) {
		this.properties = properties;
		this.jwtDecoder = jwtDecoder;
		this.scheduler = dashboardScheduler;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		StompWebSocketEndpointRegistration endpoint = registry.addEndpoint(StompProtocol.ENDPOINT)
			.addInterceptors(new AccessTokenHandshakeInterceptor());
		if (!this.properties.allowedOrigins().isEmpty()) {
			endpoint.setAllowedOriginPatterns(this.properties.allowedOrigins().toArray(String[]::new));
		}
		registry.setErrorHandler(new StompErrorFrames());
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		long heartbeat = this.properties.heartbeat().toMillis();
		registry.enableSimpleBroker(NO_BROKER_DESTINATIONS)
			.setHeartbeatValue(new long[] { heartbeat, heartbeat })
			.setTaskScheduler(this.scheduler);
		registry.setPreservePublishOrder(true);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(
				new InboundFrameLimits(this.properties.inboundFramesPerSecond(), this.properties.inboundFrameBurst(),
						this.properties.maxSubscriptionsPerSession(), System::nanoTime),
				new ConnectAuthentication(this.jwtDecoder), new DestinationGuard());
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		int threads = this.properties.outboundThreads();
		registration.taskExecutor().corePoolSize(threads).maxPoolSize(threads);
		registration.interceptors(new OutboundHandled());
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.setMessageSizeLimit(inboundLimit())
			.setSendTimeLimit((int) this.properties.sendTimeLimit().toMillis())
			.setSendBufferSizeLimit((int) this.properties.sendBufferSizeLimit().toBytes())
			.addDecoratorFactory((handler) -> new BlockingSendTimeout(handler, this.properties.sendTimeLimit()));
	}

	/** The container's own limit on inbound WebSocket messages (Tomcat answers 1009). */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(inboundLimit());
		container.setMaxBinaryMessageBufferSize(inboundLimit());
		return container;
	}

	private int inboundLimit() {
		return (int) this.properties.inboundMessageSizeLimit().toBytes();
	}

}
