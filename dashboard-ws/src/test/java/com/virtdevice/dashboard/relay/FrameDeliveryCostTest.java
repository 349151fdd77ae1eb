package com.virtdevice.dashboard.relay;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.management.OperatingSystemMXBean;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.support.events.StreamedEvent;
import com.virtdevice.support.security.HubPrincipal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dashboard-ws CPU per frame delivered, in one JVM and without sockets: live events of
 * {@value #USERS} users go through {@link DeviceUpdatesRelay} to
 * {@value #SESSIONS_PER_USER} sessions each, over the real outbound path (the client
 * outbound channel with {@value #OUTBOUND_THREADS} threads, the relay's WebSocket
 * handler, the per-session send limits), to sessions that do what Tomcat does before the
 * socket write: encode the text frame as UTF-8. Every session must receive every event of
 * its user, in order, as a well-formed MESSAGE frame.
 * <p>
 * Prints the process CPU time per frame for each round. In the build it runs two short
 * rounds; for a measurement: {@code -Dframe-cost.events=50000 -Dframe-cost.rounds=4}
 * (docs/dashboard-ws.md, "Per-frame cost").
 */
class FrameDeliveryCostTest {

	private static final int USERS = 100;

	private static final int SESSIONS_PER_USER = 10;

	private static final int OUTBOUND_THREADS = 16;

	private static final int EVENTS = Integer.getInteger("frame-cost.events", 2_000);

	private static final int ROUNDS = Integer.getInteger("frame-cost.rounds", 2);

	private static final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private final AtomicReference<CountDownLatch> frames = new AtomicReference<>(new CountDownLatch(0));

	@Test
	void deliversEveryEventToEverySessionOfItsUserInOrder() throws Exception {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(OUTBOUND_THREADS);
		executor.setMaxPoolSize(OUTBOUND_THREADS);
		executor.setThreadNamePrefix("frame-cost-outbound-");
		executor.initialize();
		ExecutorSubscribableChannel outbound = new ExecutorSubscribableChannel(executor);
		outbound.addInterceptor(new OutboundHandled());
		SendBacklogs backlogs = new SendBacklogs(128 * 1024, Duration.ofSeconds(10));
		SubProtocolWebSocketHandler handler = new RelayWebSocketHandler(new ExecutorSubscribableChannel(), outbound,
				backlogs);
		handler.addProtocolHandler(new StompSubProtocolHandler());
		handler.setSendTimeLimit(10_000);
		handler.setSendBufferSizeLimit(512 * 1024);
		handler.start();
		DeviceUpdateSubscriptions subscriptions = new DeviceUpdateSubscriptions(outbound, backlogs);
		DeviceUpdatesRelay relay = new DeviceUpdatesRelay(subscriptions, new SimpleMeterRegistry());
		List<Socket> sockets = new ArrayList<>();
		for (int user = 0; user < USERS; user++) {
			StompUser stompUser = new StompUser(
					new HubPrincipal("user-" + user, "tenant", Set.of("events:read"), "token"),
					Instant.now().plusSeconds(3600));
			for (int session = 0; session < SESSIONS_PER_USER; session++) {
				Socket socket = new Socket("session-" + user + "-" + session);
				sockets.add(socket);
				handler.afterConnectionEstablished(socket.session());
				subscriptions.add(DeviceUpdateSubscription.live(stompUser, "sub-0",
						subscriptions.outboundOf(socket.id, stompUser)));
			}
		}

		long sequence = 0;
		for (int round = 1; round <= ROUNDS; round++) {
			List<StreamedEvent> events = new ArrayList<>(EVENTS);
			for (int i = 0; i < EVENTS; i++) {
				events.add(event(++sequence, "user-" + (i % USERS)));
			}
			CountDownLatch delivered = new CountDownLatch(EVENTS * SESSIONS_PER_USER);
			this.frames.set(delivered);
			long cpuBefore = os.getProcessCpuTime();
			long started = System.nanoTime();
			for (StreamedEvent event : events) {
				relay.onEvents(List.of(event));
			}
			assertThat(delivered.await(120, TimeUnit.SECONDS)).as("every frame of round " + round + " delivered")
				.isTrue();
			long cpu = os.getProcessCpuTime() - cpuBefore;
			long elapsed = System.nanoTime() - started;
			long count = (long) EVENTS * SESSIONS_PER_USER;
			System.out.printf("frame-cost round %d: %,d frames in %d ms, %.2f µs CPU per frame, %,.0f frames/s%n",
					round, count, TimeUnit.NANOSECONDS.toMillis(elapsed), cpu / 1000.0 / count, count * 1e9 / elapsed);
		}
		long perSession = (long) EVENTS * ROUNDS / USERS;
		assertThat(sockets).allSatisfy((socket) -> {
			assertThat(socket.problem).as(socket.id).isNull();
			assertThat(socket.received).as(socket.id).isEqualTo(perSession);
		});
		handler.stop();
		executor.shutdown();
	}

	private static StreamedEvent event(long sequence, String userId) {
		DeviceStateEvent event = DeviceStateEvent.propertyChanged(UUID.randomUUID(), sequence, "lamp", userId, "tenant",
				"brightness", "40", "75", ChangeSource.ALEXA, Instant.now());
		return new StreamedEvent(event, new EventCodec().encode(event), false);
	}

	/**
	 * A session's socket: takes each text frame as Tomcat does before writing it (its
	 * UTF-8 bytes) and checks it is the next MESSAGE of the subscription.
	 */
	private final class Socket {

		private final String id;

		private long received;

		private long lastSequence;

		private volatile String problem;

		Socket(String id) {
			this.id = id;
		}

		WebSocketSession session() {
			return (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { WebSocketSession.class }, (proxy, method, args) -> switch (method.getName()) {
						case "getId" -> this.id;
						case "isOpen" -> true;
						case "getTextMessageSizeLimit", "getBinaryMessageSizeLimit" -> 64 * 1024;
						case "getAttributes" -> new java.util.HashMap<String, Object>();
						case "sendMessage" -> {
							write((TextMessage) args[0]);
							yield null;
						}
						case "toString" -> "Socket[" + this.id + "]";
						case "hashCode" -> System.identityHashCode(proxy);
						case "equals" -> proxy == args[0];
						default -> null;
					});
		}

		private synchronized void write(TextMessage message) {
			String frame = message.getPayload();
			int bytes = frame.getBytes(StandardCharsets.UTF_8).length;
			int at = frame.indexOf("\"sequence\":") + 11;
			int end = at;
			while (Character.isDigit(frame.charAt(end))) {
				end++;
			}
			long sequence = Long.parseLong(frame, at, end, 10);
			if (!frame.startsWith("MESSAGE\n") || !frame.contains("\nsubscription:sub-0\n")
					|| frame.charAt(frame.length() - 1) != 0 || bytes < frame.length()
					|| sequence <= this.lastSequence) {
				this.problem = "unexpected frame after sequence " + this.lastSequence + ": " + frame;
			}
			this.lastSequence = sequence;
			this.received++;
			FrameDeliveryCostTest.this.frames.get().countDown();
		}

	}

}
