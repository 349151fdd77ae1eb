package com.virtdevice.drills.hostile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Abuses dashboard-ws's STOMP endpoint: frames over the size limit, floods of small
 * frames (one per WebSocket message, and many in one), and subscribe storms. Every
 * offending session must be closed, the service's subscriptions and heap must stay
 * bounded, and a well-behaved browser must still get its events afterwards.
 */
final class StompAbuseDrill {

	private static final String DASHBOARD = "dashboard-ws";

	private static final int SESSIONS_PER_ATTACK = 3;

	private final Hub hub;

	private final World world;

	private final Map<String, Object> attacks = new LinkedHashMap<>();

	private double peakSubscriptions;

	StompAbuseDrill(Hub hub, World world) {
		this.hub = hub;
		this.world = world;
	}

	Figures run() {
		Figures figures = new Figures("stomp");
		double heapBefore = metric("jvm.memory.used", "area=\"heap\"");
		double subscriptionsBefore = metric("virtdevice.dashboard.subscriptions", null);
		attack("oversized-frame", (stomp) -> {
			stomp.subscribe("ok", "/user/queue/device-updates");
			return stomp.send("SEND\ndestination:/user/queue/device-updates\n\n" + "x".repeat(64 * 1024) + "\u0000") ? 1
					: 0;
		});
		attack("oversized-header", (stomp) -> stomp.send(
				"SUBSCRIBE\nid:big\ndestination:/user/queue/device-updates\nx-pad:" + "h".repeat(40_000) + "\n\n\u0000")
						? 1 : 0);
		attack("frame-flood", (stomp) -> {
			int sent = 0;
			while (sent < 5000 && stomp.send("SUBSCRIBE\nid:f" + (sent % 2)
					+ "\ndestination:/user/queue/device-updates\n\n\u0000UNSUBSCRIBE\nid:f" + (sent % 2)
					+ "\n\n\u0000")) {
				sent += 2;
			}
			return sent;
		});
		attack("frames-in-one-message", (stomp) -> {
			StringBuilder many = new StringBuilder();
			for (int i = 0; i < 400; i++) {
				many.append("ACK\nid:").append(i).append("\n\n\u0000");
			}
			int sent = 0;
			while (sent < 4000 && stomp.send(many.toString())) {
				sent += 400;
			}
			return sent;
		});
		attack("subscribe-storm", (stomp) -> {
			int sent = 0;
			while (sent < 3000 && stomp.send("SUBSCRIBE\nid:s" + sent + "\ndestination:/user/queue/device-updates\n"
					+ "last-sequence:0\n\n\u0000")) {
				sent++;
				if (sent % 100 == 0) {
					this.peakSubscriptions = Math.max(this.peakSubscriptions,
							metric("virtdevice.dashboard.subscriptions", null));
				}
			}
			return sent;
		});
		await().atMost(Duration.ofSeconds(30))
			.until(() -> metric("virtdevice.dashboard.subscriptions", null) <= subscriptionsBefore);
		double heapAfter = metric("jvm.memory.used", "area=\"heap\"");
		boolean stillWorks = aBrowserStillGetsItsEvents();
		long closed = this.attacks.values()
			.stream()
			.map((figures1) -> (Map<?, ?>) figures1)
			.mapToLong((attack) -> ((Number) attack.get("closed")).longValue())
			.sum();
		int sessions = this.attacks.size() * SESSIONS_PER_ATTACK;
		figures.put("attacks", this.attacks)
			.put("offendingSessions", sessions)
			.put("offendingSessionsClosed", closed)
			.put("peakSubscriptions", this.peakSubscriptions)
			.put("subscriptionsBefore", subscriptionsBefore)
			.put("heapBeforeMiB", Math.round(heapBefore / (1 << 20)))
			.put("heapAfterMiB", Math.round(heapAfter / (1 << 20)))
			.put("residentMiB", this.hub.stack().residentMemoryMiB().get(DASHBOARD))
			.put("wellBehavedSessionStillServed", stillWorks);
		figures.write(String.format(
				"%d offending sessions (oversized frames, floods, subscribe storms): %d closed; peak %.0f "
						+ "subscriptions, heap %d→%d MiB; a well-behaved session %s served",
				sessions, closed, this.peakSubscriptions, Math.round(heapBefore / (1 << 20)),
				Math.round(heapAfter / (1 << 20)), stillWorks ? "still" : "NOT"));
		return figures;
	}

	private interface Abuse {

		/** Abuses the session; returns how many frames got out before it was closed. */
		int abuse(RawStomp stomp);

	}

	private void attack(String name, Abuse abuse) {
		List<Integer> frames = new ArrayList<>();
		List<Integer> codes = new ArrayList<>();
		int closed = 0;
		int errorFrames = 0;
		for (int i = 0; i < SESSIONS_PER_ATTACK; i++) {
			try (RawStomp stomp = RawStomp.connect(this.hub.url(DASHBOARD), this.world.attackerToken)) {
				frames.add(abuse.abuse(stomp));
				try {
					await().atMost(Duration.ofSeconds(10)).until(stomp::isClosed);
					closed++;
					codes.add(stomp.closeCode());
				}
				catch (org.awaitility.core.ConditionTimeoutException ex) {
					codes.add(0);
				}
				errorFrames += stomp.receivedError() ? 1 : 0;
			}
		}
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("sessions", SESSIONS_PER_ATTACK);
		figures.put("closed", closed);
		figures.put("errorFrames", errorFrames);
		figures.put("closeCodes", codes);
		figures.put("framesSentBeforeClose", frames);
		this.attacks.put(name, figures);
	}

	private boolean aBrowserStillGetsItsEvents() {
		try (RawStomp browser = RawStomp.connect(this.hub.url(DASHBOARD), this.world.attackerToken)) {
			browser.subscribe("updates", "/user/queue/device-updates");
			String eventId = this.hub
				.call("PUT",
						this.hub.url("event-publisher") + "/api/devices/" + this.world.attackerDevice
								+ "/properties/stompDrill",
						this.world.attackerToken, "{\"value\":\"" + System.nanoTime() + "\"}")
				.path("eventId")
				.asString();
			await().atMost(Duration.ofSeconds(30)).until(() -> browser.messagesContaining(eventId) == 1);
			return !browser.isClosed();
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			return false;
		}
	}

	/** The sum of a metric's series in the Prometheus scrape (open, unlike /metrics). */
	private double metric(String name, String tag) {
		String scrape = this.hub.send("GET", this.hub.url(DASHBOARD) + "/actuator/prometheus", null, null).body();
		String prefix = name.replace('.', '_');
		double sum = 0;
		for (String line : scrape.split("\n")) {
			boolean series = line.startsWith(prefix + "{") || line.startsWith(prefix + " ")
					|| line.startsWith(prefix + "_bytes{");
			if (series && (tag == null || line.contains(tag))) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return sum;
	}

}
