package com.virtdevice.dashboard.relay;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The bytes waiting at each session's socket (Spring's per-session send buffer), so that
 * a resume replays no faster than the browser reads. Without it a replay of a long
 * absence queued hundreds of KB at once and the session was closed for its send buffer,
 * however fast the browser read.
 *
 * @param pauseAbove a replay waits while more than this many bytes are unsent
 * @param maxPause how long a replay waits for the backlog to shrink before sending on
 * (the session's own limits then close a browser that really stopped reading)
 */
record SendBacklogs(long pauseAbove, Duration maxPause, Map<String, ConcurrentWebSocketSessionDecorator> sessions) {

	SendBacklogs(long pauseAbove, Duration maxPause) {
		this(pauseAbove, maxPause, new ConcurrentHashMap<>());
	}

	void track(ConcurrentWebSocketSessionDecorator session) {
		this.sessions.put(session.getId(), session);
	}

	void forget(String sessionId) {
		this.sessions.remove(sessionId);
	}

	/** Bytes buffered for the session's socket, not yet written. */
	long unsent(String sessionId) {
		ConcurrentWebSocketSessionDecorator session = this.sessions.get(sessionId);
		return (session != null) ? session.getBufferSize() : 0;
	}

}
