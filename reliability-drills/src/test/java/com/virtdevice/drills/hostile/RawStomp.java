package com.virtdevice.drills.hostile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * STOMP written by hand over the JDK's WebSocket client, so a test can send any frame —
 * too big, too many, to any destination — and see exactly what the server answers and
 * whether it closes the connection.
 */
final class RawStomp implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final List<String> frames = new CopyOnWriteArrayList<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private RawStomp(String dashboardUrl) {
		StringBuilder partial = new StringBuilder();
		this.socket = HTTP.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(URI.create(dashboardUrl.replace("http://", "ws://") + "/ws"), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					partial.append(data);
					if (last) {
						String frame = partial.toString();
						partial.setLength(0);
						if (!frame.isBlank()) {
							RawStomp.this.frames.add(frame);
						}
					}
					webSocket.request(1);
					return null;
				}

				@Override
				public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
					RawStomp.this.closed.complete(statusCode);
					return null;
				}

				@Override
				public void onError(WebSocket webSocket, Throwable error) {
					RawStomp.this.closed.complete(-1);
				}
			})
			.join();
	}

	/** Connects with the token and waits for CONNECTED (or an ERROR frame). */
	static RawStomp connect(String dashboardUrl, String token) {
		RawStomp stomp = new RawStomp(dashboardUrl);
		stomp.send("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\nAuthorization:Bearer " + token
				+ "\n\n\u0000");
		await().atMost(Duration.ofSeconds(15))
			.until(() -> stomp.frames.stream().anyMatch((f) -> f.startsWith("CONNECTED") || f.startsWith("ERROR"))
					|| stomp.isClosed());
		return stomp;
	}

	boolean isConnected() {
		return this.frames.stream().anyMatch((frame) -> frame.startsWith("CONNECTED"));
	}

	void subscribe(String id, String destination) {
		send("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\n\n\u0000");
	}

	/** Sends a text message as it is; false if the socket is already closed. */
	boolean send(String text) {
		if (isClosed()) {
			return false;
		}
		try {
			this.socket.sendText(text, true).get(10, TimeUnit.SECONDS);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	List<String> frames() {
		return List.copyOf(this.frames);
	}

	boolean receivedError() {
		return this.frames.stream().anyMatch((frame) -> frame.startsWith("ERROR"));
	}

	/** MESSAGE frames' bodies containing the text. */
	long messagesContaining(String text) {
		return this.frames.stream().filter((f) -> f.startsWith("MESSAGE") && f.contains(text)).count();
	}

	boolean isClosed() {
		return this.closed.isDone() || this.socket.isInputClosed();
	}

	/** The close code, or -1 after an error, once closed. */
	int closeCode() {
		return this.closed.getNow(0);
	}

	@Override
	public void close() {
		if (!isClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "")
				.orTimeout(5, TimeUnit.SECONDS)
				.exceptionally((ex) -> null);
		}
		this.socket.abort();
	}

}
