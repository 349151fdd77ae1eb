package com.virtdevice.dashboard;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.simp.stomp.ConnectionLostException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A STOMP client of the running dashboard (Spring's {@link WebSocketStompClient}) that
 * records what it receives: MESSAGE bodies, ERROR frames, and whether the server closed
 * the connection.
 */
public final class StompTestClient implements AutoCloseable {

	private static final WebSocketStompClient stomp = createClient();

	private static final EventCodec codec = new EventCodec();

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	private final List<String> errors = new CopyOnWriteArrayList<>();

	private final AtomicBoolean connectionLost = new AtomicBoolean();

	private volatile @Nullable StompSession session;

	private StompTestClient() {
	}

	/** Connects with {@code Authorization: Bearer <token>}, or without a token. */
	public static StompTestClient connect(int port, @Nullable String token) {
		StompHeaders headers = new StompHeaders();
		if (token != null) {
			headers.add("Authorization", "Bearer " + token);
		}
		return connect("ws://127.0.0.1:" + port + "/ws", headers);
	}

	/**
	 * Connects to a URL with the given CONNECT headers; a refusal is recorded, not
	 * thrown.
	 */
	public static StompTestClient connect(String url, StompHeaders connectHeaders) {
		StompTestClient client = new StompTestClient();
		try {
			client.session = stomp.connectAsync(url, new WebSocketHttpHeaders(), connectHeaders, client.new Handler())
				.get(15, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			client.connectionLost.set(true);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("No answer to CONNECT within 15 s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return client;
	}

	/** Subscribes to the user's device updates, live or after a sequence. */
	public StompTestClient subscribe(@Nullable Long lastSequence) {
		return subscribe("/user/queue/device-updates", (lastSequence != null) ? Long.toString(lastSequence) : null);
	}

	/** Subscribes to any destination, live. */
	public StompTestClient subscribeTo(String destination) {
		return subscribe(destination, (String) null);
	}

	/** Subscribes with any {@code last-sequence} header value. */
	public StompTestClient subscribe(String destination, @Nullable String lastSequence) {
		StompHeaders headers = new StompHeaders();
		headers.setDestination(destination);
		if (lastSequence != null) {
			headers.add("last-sequence", lastSequence);
		}
		requireSession().subscribe(headers, new Frames());
		return this;
	}

	/** Sends a SEND frame (the server refuses them). */
	public void send(String destination, String body) {
		requireSession().send(destination, body.getBytes(StandardCharsets.UTF_8));
	}

	public boolean isConnected() {
		StompSession current = this.session;
		return current != null && current.isConnected() && !this.connectionLost.get();
	}

	/** Whether the server closed the connection (or refused it). */
	public boolean wasClosedByServer() {
		return this.connectionLost.get();
	}

	/** The {@code message} headers of the ERROR frames received. */
	public List<String> errors() {
		return List.copyOf(this.errors);
	}

	/** How many MESSAGE frames have arrived. */
	public int received() {
		return this.bodies.size();
	}

	/** The MESSAGE bodies received, in arrival order. */
	public List<String> bodies() {
		return List.copyOf(this.bodies);
	}

	public List<DeviceStateEvent> events() {
		return this.bodies.stream().map(codec::decode).toList();
	}

	public List<Long> sequences() {
		return events().stream().map(DeviceStateEvent::sequence).toList();
	}

	@Override
	public void close() {
		StompSession current = this.session;
		if (current != null && current.isConnected()) {
			current.disconnect();
		}
	}

	private StompSession requireSession() {
		StompSession current = this.session;
		if (current == null) {
			throw new IllegalStateException("Not connected; errors: " + this.errors);
		}
		return current;
	}

	private static WebSocketStompClient createClient() {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new RawBodies());
		client.setDefaultHeartbeat(new long[] { 0, 0 });
		client.setInboundMessageSizeLimit(1024 * 1024);
		return client;
	}

	/** Hands every body over as bytes, whatever its content type. */
	private static final class RawBodies extends ByteArrayMessageConverter {

		RawBodies() {
			addSupportedMimeTypes(MimeTypeUtils.APPLICATION_JSON, MimeTypeUtils.TEXT_PLAIN);
		}

	}

	private final class Handler extends StompSessionHandlerAdapter {

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, @Nullable Object payload) {
			String message = headers.getFirst("message");
			StompTestClient.this.errors.add((message != null) ? message : "(ERROR without message)");
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			if (exception instanceof ConnectionLostException) {
				StompTestClient.this.connectionLost.set(true);
			}
		}

		@Override
		public void handleException(StompSession session, @Nullable StompCommand command, StompHeaders headers,
				byte[] payload, Throwable exception) {
			StompTestClient.this.errors.add("client failed to handle " + command + ": " + exception);
		}

	}

	private final class Frames implements StompFrameHandler {

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, @Nullable Object payload) {
			StompTestClient.this.bodies.add(new String((byte[]) payload, StandardCharsets.UTF_8));
		}

	}

}
