package com.virtdevice.dashboard.relay;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Spring's per-session send limits, plus one fix: an ERROR frame is delivered before the
 * close. Spring sends ERROR and closes right away; when another thread is writing to the
 * session at that moment (the CONNECTED frame a client subscribes or sends right after,
 * an event), that thread writes the ERROR after its own frame, and the close — made by
 * the refusing thread meanwhile — discarded the ERROR or cut it off. Here a close first
 * waits until every frame handed to the session has been written to the socket, for at
 * most {@link #MAX_WAIT}. Closes for a session that is too slow do not wait.
 * <p>
 * Frames are counted from the moment they are handed over until the socket write returns.
 * (Spring's own buffer size and send start time leave a gap: a frame taken from the
 * buffer is in neither during its first millisecond of writing.)
 */
final class FlushBeforeCloseSessionDecorator extends ConcurrentWebSocketSessionDecorator {

	static final Duration MAX_WAIT = Duration.ofSeconds(1);

	private final AtomicInteger unwritten;

	private volatile boolean closing;

	private volatile boolean limitExceeded;

	FlushBeforeCloseSessionDecorator(WebSocketSession delegate, int sendTimeLimit, int bufferSizeLimit) {
		this(delegate, sendTimeLimit, bufferSizeLimit, new AtomicInteger());
	}

	private FlushBeforeCloseSessionDecorator(WebSocketSession delegate, int sendTimeLimit, int bufferSizeLimit,
			AtomicInteger unwritten) {
		super(new CountingWrites(delegate, unwritten), sendTimeLimit, bufferSizeLimit);
		this.unwritten = unwritten;
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		if (this.closing || this.limitExceeded) {
			// Spring drops it: it is never written, so it is not counted
			super.sendMessage(message);
			return;
		}
		this.unwritten.incrementAndGet();
		try {
			super.sendMessage(message);
		}
		catch (SessionLimitExceededException ex) {
			this.limitExceeded = true;
			throw ex;
		}
	}

	@Override
	public void close(CloseStatus status) throws IOException {
		boolean firstClose = !this.closing;
		this.closing = true;
		if (firstClose && !this.limitExceeded && !CloseStatus.SESSION_NOT_RELIABLE.equals(status)) {
			awaitWritten();
		}
		super.close(status);
	}

	/** Frames handed to this session that the socket has not yet taken. */
	int unwritten() {
		return this.unwritten.get();
	}

	private void awaitWritten() {
		long deadline = System.nanoTime() + MAX_WAIT.toNanos();
		while (this.unwritten.get() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
		}
	}

	/** Counts down each frame once the socket write has returned, or failed. */
	private static final class CountingWrites extends WebSocketSessionDecorator {

		private final AtomicInteger unwritten;

		CountingWrites(WebSocketSession delegate, AtomicInteger unwritten) {
			super(delegate);
			this.unwritten = unwritten;
		}

		@Override
		public void sendMessage(WebSocketMessage<?> message) throws IOException {
			try {
				super.sendMessage(message);
			}
			finally {
				this.unwritten.decrementAndGet();
			}
		}

	}

}
