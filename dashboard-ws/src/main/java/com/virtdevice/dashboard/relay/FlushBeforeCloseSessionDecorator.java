package com.virtdevice.dashboard.relay;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * Spring's per-session send limits, plus one fix: an ERROR frame is delivered before the
 * close. Spring sends ERROR and closes right away; when another thread is writing to the
 * session at that moment (the CONNECTED frame a client subscribes right after, an event),
 * the ERROR waits in the buffer and the close discards it, so the client sees the socket
 * close without a reason. Here a close first lets the buffer drain, for at most
 * {@link #MAX_WAIT}. Closes for a session that is too slow do not wait.
 */
final class FlushBeforeCloseSessionDecorator extends ConcurrentWebSocketSessionDecorator {

	static final Duration MAX_WAIT = Duration.ofSeconds(1);

	FlushBeforeCloseSessionDecorator(WebSocketSession delegate, int sendTimeLimit, int bufferSizeLimit) {
		super(delegate, sendTimeLimit, bufferSizeLimit);
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		if (!CloseStatus.SESSION_NOT_RELIABLE.equals(status)) {
			awaitBufferDrained();
		}
		super.close(status);
	}

	private void awaitBufferDrained() {
		long deadline = System.nanoTime() + MAX_WAIT.toNanos();
		while ((getBufferSize() > 0 || getTimeSinceSendStarted() > 0) && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
		}
	}

}
