package com.virtdevice.localstack;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/** A browser's view of dashboard-ws: a STOMP session subscribed to its user's updates. */
final class StompListener implements AutoCloseable {

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final StompSession session;

	private StompListener(StompSession session) {
		this.session = session;
	}

	static StompListener subscribe(String dashboardUrl, String token) throws Exception {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new ByteArrayMessageConverter() {
			{
				// The bodies are the event JSON, taken as they come.
				addSupportedMimeTypes(MimeTypeUtils.APPLICATION_JSON);
			}
		});
		StompHeaders connect = new StompHeaders();
		connect.add("Authorization", "Bearer " + token);
		StompSession session = client.connectAsync(dashboardUrl.replace("http://", "ws://") + "/ws",
				new WebSocketHttpHeaders(), connect, new StompSessionHandlerAdapter() {
				})
			.get(15, TimeUnit.SECONDS);
		StompListener listener = new StompListener(session);
		session.subscribe("/user/queue/device-updates", new StompFrameHandler() {
			@Override
			public Type getPayloadType(StompHeaders headers) {
				return byte[].class;
			}

			@Override
			public void handleFrame(StompHeaders headers, Object payload) {
				listener.received.add(new String((byte[]) payload, StandardCharsets.UTF_8));
			}
		});
		return listener;
	}

	/** The MESSAGE bodies received, in order. */
	List<String> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() {
		this.session.disconnect();
	}

}
