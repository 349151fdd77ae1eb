package com.virtdevice.dashboard.relay;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ERROR frame written by another thread reaches the socket before the close: the close
 * waits until every frame handed to the session has been written, however short the
 * write, and gives up after {@link FlushBeforeCloseSessionDecorator#MAX_WAIT}.
 */
class FlushBeforeCloseSessionDecoratorTest {

	private static final TextMessage CONNECTED = new TextMessage("CONNECTED\n\n\0");

	private static final TextMessage ERROR = new TextMessage("ERROR\nmessage:SEND is not supported\n\n\0");

	/** What reached the socket, in order: frames once written, then "close". */
	private final List<String> socket = new CopyOnWriteArrayList<>();

	private final CountDownLatch firstWriteStarted = new CountDownLatch(1);

	private final CountDownLatch connectedMayFinish = new CountDownLatch(1);

	private final CountDownLatch errorWriteStarted = new CountDownLatch(1);

	private final CountDownLatch releaseStuckWrites = new CountDownLatch(1);

	@AfterEach
	void releaseWriters() {
		this.connectedMayFinish.countDown();
		this.releaseStuckWrites.countDown();
	}

	@Test
	void aCloseWaitsForTheFrameAnotherThreadIsWriting() throws Exception {
		FlushBeforeCloseSessionDecorator session = decorate((frame) -> {
			if (frame == CONNECTED) {
				await(this.connectedMayFinish);
			}
			else {
				this.errorWriteStarted.countDown();
				sleep(100);
			}
		});
		CompletableFuture<Void> outboundThread = CompletableFuture.runAsync(() -> send(session, CONNECTED));
		await(this.firstWriteStarted);

		send(session, ERROR);
		assertThat(session.unwritten()).as("CONNECTED being written, ERROR buffered").isEqualTo(2);
		this.connectedMayFinish.countDown();
		await(this.errorWriteStarted);
		session.close(CloseStatus.PROTOCOL_ERROR);

		outboundThread.get(5, TimeUnit.SECONDS);
		assertThat(this.socket).containsExactly("CONNECTED", "ERROR", "close");
		assertThat(session.unwritten()).isZero();
	}

	@Test
	void aCloseWaitsAtMostMaxWaitForAWriteThatDoesNotReturn() throws Exception {
		FlushBeforeCloseSessionDecorator session = decorate((frame) -> await(this.releaseStuckWrites));
		CompletableFuture.runAsync(() -> send(session, CONNECTED));
		await(this.firstWriteStarted);

		long started = System.nanoTime();
		session.close(CloseStatus.NORMAL);

		Duration waited = Duration.ofNanos(System.nanoTime() - started);
		assertThat(waited).isBetween(FlushBeforeCloseSessionDecorator.MAX_WAIT.minusMillis(50),
				FlushBeforeCloseSessionDecorator.MAX_WAIT.plusSeconds(2));
		assertThat(this.socket).containsExactly("close");
	}

	@Test
	void aSessionClosedAsTooSlowIsClosedAtOnce() throws Exception {
		FlushBeforeCloseSessionDecorator session = decorate((frame) -> await(this.releaseStuckWrites));
		CompletableFuture.runAsync(() -> send(session, CONNECTED));
		await(this.firstWriteStarted);

		long started = System.nanoTime();
		session.close(CloseStatus.SESSION_NOT_RELIABLE);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
		assertThat(this.socket).containsExactly("close");
	}

	@Test
	void framesSentAfterTheCloseAreNotWaitedFor() throws Exception {
		FlushBeforeCloseSessionDecorator session = decorate((frame) -> {
		});
		send(session, CONNECTED);
		session.close(CloseStatus.NORMAL);

		send(session, ERROR);
		long started = System.nanoTime();
		session.close(CloseStatus.NORMAL);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
		assertThat(this.socket).containsExactly("CONNECTED", "close");
		assertThat(session.unwritten()).isZero();
	}

	/**
	 * A session over a socket that runs {@code write} for each frame before recording it.
	 */
	private FlushBeforeCloseSessionDecorator decorate(Consumer<WebSocketMessage<?>> write) {
		WebSocketSession socketSession = (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { WebSocketSession.class }, (proxy, method, args) -> switch (method.getName()) {
					case "sendMessage" -> {
						WebSocketMessage<?> frame = (WebSocketMessage<?>) args[0];
						this.firstWriteStarted.countDown();
						write.accept(frame);
						this.socket.add(((String) frame.getPayload()).lines().findFirst().orElseThrow());
						yield null;
					}
					case "close" -> {
						this.socket.add("close");
						yield null;
					}
					case "getId" -> "session-1";
					case "isOpen" -> !this.socket.contains("close");
					case "toString" -> "socket";
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					default -> throw new UnsupportedOperationException(method.getName());
				});
		return new FlushBeforeCloseSessionDecorator(socketSession, 10_000, 512 * 1024);
	}

	private static void send(WebSocketSession session, WebSocketMessage<?> frame) {
		try {
			session.sendMessage(frame);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(5, TimeUnit.SECONDS)).as("released").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
