package com.virtdevice.dashboard.relay;

import org.springframework.messaging.SubscribableChannel;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * Spring's STOMP WebSocket handler with sessions that deliver ERROR frames before closing
 * ({@link FlushBeforeCloseSessionDecorator}) and whose send backlog is known
 * ({@link SendBacklogs}).
 */
class RelayWebSocketHandler extends SubProtocolWebSocketHandler {

	private final SendBacklogs backlogs;

	RelayWebSocketHandler(SubscribableChannel clientInboundChannel, SubscribableChannel clientOutboundChannel,
			SendBacklogs backlogs) {
		super(clientInboundChannel, clientOutboundChannel);
		this.backlogs = backlogs;
	}

	@Override
	protected WebSocketSession decorateSession(WebSocketSession session) {
		FlushBeforeCloseSessionDecorator decorated = new FlushBeforeCloseSessionDecorator(session, getSendTimeLimit(),
				getSendBufferSizeLimit());
		this.backlogs.track(decorated);
		return decorated;
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
		this.backlogs.forget(session.getId());
		super.afterConnectionClosed(session, closeStatus);
	}

}
