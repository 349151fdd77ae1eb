package com.virtdevice.benchmarks.micro;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.http.HttpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;

/**
 * JMH microbenchmarks of the code every event runs through inside one JVM, without
 * sockets, Redis or PostgreSQL: what part of the per-event costs the whole-system runs
 * measure is the hub's own Java.
 * <ul>
 * <li>{@link #encodeEvent}: the publisher's relay turning an event into its wire JSON
 * (once per event).</li>
 * <li>{@link #decodeEvent}: a consumer reading and validating that JSON (once per event
 * per consumer).</li>
 * <li>{@link #stompFrameForOneSession}: dashboard-ws building one browser's MESSAGE frame
 * — the message as {@code SessionOutbound} builds it, through Spring's
 * {@link StompSubProtocolHandler}, to the bytes Tomcat writes for the text frame (once
 * per event per session: the fan-out's per-frame work short of the socket).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PerEventCode {

	private final EventCodec codec = new EventCodec();

	private final StompSubProtocolHandler stomp = new StompSubProtocolHandler();

	private final BytesOut socket = new BytesOut();

	private DeviceStateEvent event;

	private byte[] json;

	@Setup
	public void createEvent() {
		this.event = DeviceStateEvent.propertyChanged(UUID.randomUUID(), 1_234_567,
				"dev_8f14e45fceea167a5a36dedd4bea2543", "user_c9f0f895fb98ab9159f51fd0297e236d",
				"tenant_45c48cce2e2d7fbdea1afc51c7c6ad26", "brightness", "40", "75", ChangeSource.ALEXA,
				Instant.parse("2026-11-28T08:00:00.123Z"));
		this.json = this.codec.encode(this.event);
	}

	/** The size of the benchmarked event's wire JSON. */
	public int eventJsonLength() {
		createEvent();
		return this.json.length;
	}

	@Benchmark
	public byte[] encodeEvent() {
		return this.codec.encode(this.event);
	}

	@Benchmark
	public DeviceStateEvent decodeEvent() {
		return this.codec.decode(this.json);
	}

	@Benchmark
	public int stompFrameForOneSession() {
		SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
		headers.setSessionId(this.socket.getId());
		headers.setSubscriptionId("sub-0");
		headers.setDestination("/user/queue/device-updates");
		headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
		headers.setLeaveMutable(true);
		Message<byte[]> message = MessageBuilder.createMessage(this.json, headers.getMessageHeaders());
		this.stomp.handleMessageToClient(this.socket, message);
		return this.socket.written;
	}

	/**
	 * A WebSocket session that does what Tomcat does with a text message before the
	 * socket write: encode its text as UTF-8.
	 */
	static final class BytesOut implements WebSocketSession {

		int written;

		@Override
		public void sendMessage(WebSocketMessage<?> message) throws IOException {
			this.written = ((TextMessage) message).getPayload().getBytes(StandardCharsets.UTF_8).length;
		}

		@Override
		public String getId() {
			return "session-0";
		}

		@Override
		public boolean isOpen() {
			return true;
		}

		@Override
		public @Nullable URI getUri() {
			return null;
		}

		@Override
		public HttpHeaders getHandshakeHeaders() {
			return new HttpHeaders();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return Map.of();
		}

		@Override
		public @Nullable Principal getPrincipal() {
			return null;
		}

		@Override
		public @Nullable InetSocketAddress getLocalAddress() {
			return null;
		}

		@Override
		public @Nullable InetSocketAddress getRemoteAddress() {
			return null;
		}

		@Override
		public @Nullable String getAcceptedProtocol() {
			return "v12.stomp";
		}

		@Override
		public void setTextMessageSizeLimit(int messageSizeLimit) {
		}

		@Override
		public int getTextMessageSizeLimit() {
			return 64 * 1024;
		}

		@Override
		public void setBinaryMessageSizeLimit(int messageSizeLimit) {
		}

		@Override
		public int getBinaryMessageSizeLimit() {
			return 64 * 1024;
		}

		@Override
		public List<WebSocketExtension> getExtensions() {
			return List.of();
		}

		@Override
		public void close() {
		}

		@Override
		public void close(CloseStatus status) {
		}

	}

}
