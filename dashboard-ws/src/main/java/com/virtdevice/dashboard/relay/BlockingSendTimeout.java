package com.virtdevice.dashboard.relay;

import java.time.Duration;

import jakarta.websocket.Session;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Bounds how long one write to a browser that stopped reading may block a sending thread
 * (Tomcat's default is 20 s) by the same {@code send-time-limit} after which Spring
 * closes that session, so a stuck browser frees its thread in bounded time.
 */
final class BlockingSendTimeout extends WebSocketHandlerDecorator {

	static final String TOMCAT_PROPERTY = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private final Duration timeout;

	BlockingSendTimeout(WebSocketHandler delegate, Duration timeout) {
		super(delegate);
		this.timeout = timeout;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		if (session instanceof NativeWebSocketSession nativeSession) {
			Session container = nativeSession.getNativeSession(Session.class);
			if (container != null) {
				container.getUserProperties().put(TOMCAT_PROPERTY, this.timeout.toMillis());
			}
		}
		super.afterConnectionEstablished(session);
	}

}
