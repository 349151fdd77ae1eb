package com.virtdevice.drills.support;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;

import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * Browsers on the dashboard: one STOMP session per user, subscribed to
 * {@code /user/queue/device-updates}, counting what arrives by eventId, and how late
 * (arrival minus the event's commit time).
 */
public final class DashboardTap implements AutoCloseable {

	private static final EventCodec codec = new EventCodec();

	private final Arrivals arrivals;

	private final List<StompSession> sessions = new ArrayList<>();

	private final AtomicLong maxLatencyMillis = new AtomicLong();

	private final List<Long> sequences = new CopyOnWriteArrayList<>();

	private DashboardTap(String name) {
		this.arrivals = new Arrivals(name);
	}

	/** Opens one session per user on the dashboard at {@code dashboardUrl}. */
	public static DashboardTap open(String dashboardUrl, List<DrillUser> users) {
		return open("dashboard", dashboardUrl, users);
	}

	public static DashboardTap open(String name, String dashboardUrl, List<DrillUser> users) {
		DashboardTap tap = new DashboardTap(name);
		for (DrillUser user : users) {
			tap.sessions.add(tap.subscribe(dashboardUrl, user.token()));
		}
		return tap;
	}

	/**
	 * A browser coming back: one session for the user that subscribes with
	 * {@code last-sequence}, so it first receives what it missed.
	 */
	public static DashboardTap resume(String name, String dashboardUrl, DrillUser user, long lastSequence) {
		DashboardTap tap = new DashboardTap(name);
		tap.sessions.add(tap.subscribe(dashboardUrl, user.token(), lastSequence));
		return tap;
	}

	private StompSession subscribe(String dashboardUrl, String token) {
		return subscribe(dashboardUrl, token, -1);
	}

	private StompSession subscribe(String dashboardUrl, String token, long lastSequence) {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new ByteArrayMessageConverter() {
			{
				addSupportedMimeTypes(MimeTypeUtils.APPLICATION_JSON);
			}
		});
		StompHeaders connect = new StompHeaders();
		connect.add("Authorization", "Bearer " + token);
		try {
			StompSession session = client.connectAsync(dashboardUrl.replace("http://", "ws://") + "/ws",
					new WebSocketHttpHeaders(), connect, new StompSessionHandlerAdapter() {
					})
				.get(15, TimeUnit.SECONDS);
			StompHeaders subscribe = new StompHeaders();
			subscribe.setDestination("/user/queue/device-updates");
			if (lastSequence >= 0) {
				subscribe.add("last-sequence", Long.toString(lastSequence));
			}
			session.subscribe(subscribe, new StompFrameHandler() {
				@Override
				public Type getPayloadType(StompHeaders headers) {
					return byte[].class;
				}

				@Override
				public void handleFrame(StompHeaders headers, Object payload) {
					received(codec.decode((byte[]) payload));
				}
			});
			return session;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot open a dashboard session", ex);
		}
	}

	private void received(DeviceStateEvent event) {
		Instant now = Instant.now();
		this.arrivals.record(event.eventId(), event.sequence(), now);
		this.sequences.add(event.sequence());
		this.maxLatencyMillis.accumulateAndGet(Duration.between(event.timestamp(), now).toMillis(), Math::max);
	}

	public Arrivals arrivals() {
		return this.arrivals;
	}

	/** The sequences received, in arrival order. */
	public List<Long> sequences() {
		return List.copyOf(this.sequences);
	}

	/** The longest time from an event's commit to its arrival here so far. */
	public Duration maxLatency() {
		return Duration.ofMillis(this.maxLatencyMillis.get());
	}

	/** Forgets the longest latency seen, to measure a phase of the drill. */
	public void resetMaxLatency() {
		this.maxLatencyMillis.set(0);
	}

	/** Whether every session is still connected. */
	public boolean allConnected() {
		return this.sessions.stream().allMatch(StompSession::isConnected);
	}

	@Override
	public void close() {
		for (StompSession session : this.sessions) {
			if (session.isConnected()) {
				session.disconnect();
			}
		}
	}

}
