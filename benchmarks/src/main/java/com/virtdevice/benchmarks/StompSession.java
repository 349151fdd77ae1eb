package com.virtdevice.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lean STOMP 1.2 client on the JDK's WebSocket: CONNECT with a bearer token and no
 * heart-beats, one SUBSCRIBE to the user's updates, and every MESSAGE body handed to a
 * {@link FrameSink} on the client's own threads. Thousands of them share a few
 * {@link HttpClient}s, so 10,000 sessions need no thread each.
 */
final class StompSession implements WebSocket.Listener {

	private static final String DESTINATION = "/user/queue/device-updates";

	private final String token;

	private final FrameSink sink;

	private final CompletableFuture<StompSession> connected = new CompletableFuture<>();

	private final AtomicLong frames = new AtomicLong();

	private final StringBuilder partial = new StringBuilder();

	private volatile boolean closed;

	private volatile String closeReason = "";

	private volatile WebSocket socket;

	private StompSession(String token, FrameSink sink) {
		this.token = token;
		this.sink = sink;
	}

	/** Opens, CONNECTs and SUBSCRIBEs; completes once the server answered CONNECTED. */
	static CompletableFuture<StompSession> open(HttpClient client, String dashboardUrl, String token, FrameSink sink) {
		StompSession session = new StompSession(token, sink);
		client.newWebSocketBuilder()
			.buildAsync(URI.create(dashboardUrl.replace("http://", "ws://") + "/ws"), session)
			.whenComplete((socket, failure) -> {
				if (failure != null) {
					session.connected.completeExceptionally(failure);
				}
			});
		return session.connected;
	}

	long frames() {
		return this.frames.get();
	}

	boolean isClosed() {
		return this.closed;
	}

	String closeReason() {
		return this.closeReason;
	}

	void close() {
		WebSocket open = this.socket;
		if (open != null && !this.closed) {
			open.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally((ex) -> null);
		}
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		this.socket = webSocket;
		webSocket.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\nAuthorization:Bearer "
				+ this.token + "\n\n\0", true);
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		if (!last || this.partial.length() > 0) {
			this.partial.append(data);
			if (last) {
				String whole = this.partial.toString();
				this.partial.setLength(0);
				frame(webSocket, whole);
			}
		}
		else {
			frame(webSocket, data);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed = true;
		this.closeReason = statusCode + " " + reason;
		this.connected.completeExceptionally(new IllegalStateException("closed: " + this.closeReason));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed = true;
		this.closeReason = String.valueOf(error);
		this.connected.completeExceptionally(error);
	}

	private void frame(WebSocket webSocket, CharSequence frame) {
		if (startsWith(frame, "MESSAGE")) {
			long now = System.nanoTime();
			this.frames.incrementAndGet();
			this.sink.received(frame, now);
		}
		else if (startsWith(frame, "CONNECTED")) {
			webSocket.sendText("SUBSCRIBE\nid:0\ndestination:" + DESTINATION + "\n\n\0", true)
				.thenRun(() -> this.connected.complete(this));
		}
		else if (startsWith(frame, "ERROR")) {
			this.closeReason = frame.toString();
			this.connected.completeExceptionally(new IllegalStateException(frame.toString()));
		}
	}

	private static boolean startsWith(CharSequence text, String prefix) {
		if (text.length() < prefix.length()) {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			if (text.charAt(i) != prefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/** Where MESSAGE frames go, with their arrival time ({@link System#nanoTime()}). */
	interface FrameSink {

		void received(CharSequence frame, long nanoTime);

		/** The {@code eventId} in a MESSAGE frame's body, found without parsing JSON. */
		static String eventId(CharSequence frame) {
			String text = frame.toString();
			int at = text.indexOf("\"eventId\":\"");
			return (at < 0) ? "" : text.substring(at + 11, at + 47);
		}

	}

}
