package com.virtdevice.drills.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.events.EventType;
import com.virtdevice.testsupport.RecordedRequest;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * Attacks the bus in two ways. Without credentials, and with a consumer's: every
 * {@code PUBLISH} on a hub channel, {@code SET} of the publisher's fence key and
 * {@code SHUTDOWN} must be refused ({@code NOAUTH}/{@code NOPERM}), and an anonymous
 * {@code PSUBSCRIBE user:*:events} must receive nothing. With the publisher's own
 * credentials (a stolen secret or a bug — the trust boundary): malformed and foreign
 * messages on {@code device:*:state}, {@code user:*:events} and {@code global:events} —
 * not JSON, invalid UTF-8, too big, too deep, wrong types, unknown types, misrouted
 * events, well-formed events with sequences the publisher never reached (far in the
 * future, a lifecycle event ahead of the stream), an old sequence, a replayed message —
 * then one real change, which every listener must still deliver: the audit row, the
 * dashboard's STOMP frame, the Alexa ChangeReport and the IFTTT notification. Every
 * consumer must have counted what it rejected, and nothing foreign may have reached
 * anyone. (A well-formed event with exactly the next sequence, published with the
 * publisher's credentials, is indistinguishable from the publisher's own: that is what
 * the credentials are for, and why only the publisher holds them.)
 */
final class RedisHostileDrill {

	static final List<String> DEVICE_CONSUMERS = List.of("activity-log", "alexa-subscriber", "ifttt-subscriber");

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final EventCodec CODEC = new EventCodec();

	private final Hub hub;

	private final World world;

	private final Channels channels = Channels.standard();

	private final Map<String, Long> expectedRejects = new LinkedHashMap<>();

	private final List<String> foreignEventIds = new ArrayList<>();

	private int messages;

	RedisHostileDrill(Hub hub, World world) {
		this.hub = hub;
		this.world = world;
	}

	Figures run() {
		Figures figures = new Figures("redis");
		linkAlexa();
		Map<String, Long> before = new LinkedHashMap<>();
		for (String service : consumers()) {
			before.put(service, this.hub.rejected(service));
			this.expectedRejects.put(service, 0L);
		}
		try (RawStomp dashboard = RawStomp.connect(this.hub.url("dashboard-ws"), this.world.victimToken)) {
			dashboard.subscribe("updates", "/user/queue/device-updates");
			BusIntruder.Refusals refusals = new BusIntruder(this.hub.stack(), this.channels, this.world.victimDevice,
					World.VICTIM)
				.attack();
			figures.put("intruderAttempts", refusals.attempts())
				.put("intruderRefused", refusals.refused())
				.put("intruderReceived", refusals.received());
			sendMalformed();
			sendForeign();
			// Keep a copy of a real event: published again it must be dropped as a
			// repeat.
			Instant changedAt = Instant.now();
			String eventId = toggle();
			Map<String, Long> rejected = new LinkedHashMap<>();
			Map<String, Boolean> working = new LinkedHashMap<>();
			working.put("activity-log", awaitQuietly(() -> audited(eventId)));
			working.put("dashboard-ws", awaitQuietly(() -> dashboard.messagesContaining(eventId) == 1));
			working.put("alexa-subscriber", awaitQuietly(() -> changeReported(changedAt)));
			working.put("ifttt-subscriber", awaitQuietly(() -> iftttNotified(changedAt)));
			awaitQuietly(() -> consumers().stream()
				.allMatch((service) -> this.hub.rejected(service) - before.get(service) >= this.expectedRejects
					.get(service)));
			for (String service : consumers()) {
				rejected.put(service, this.hub.rejected(service) - before.get(service));
			}
			int repeatsDelivered = republished(eventId, dashboard);
			long foreignDelivered = this.foreignEventIds.stream()
				.filter((id) -> audited(id) || dashboard.messagesContaining(id) > 0 || sentOut(id))
				.count();
			long healthy = consumers().stream()
				.filter((service) -> this.hub.eventStream(service).path("dispatching").asBoolean())
				.count();
			figures.put("messagesPublished", this.messages)
				.put("foreignEvents", this.foreignEventIds.size())
				.put("rejectedExpected", this.expectedRejects)
				.put("rejectedCounted", rejected)
				.put("foreignDelivered", foreignDelivered)
				.put("repeatsDelivered", repeatsDelivered)
				.put("listenersWorkingAfterwards", working)
				.put("dispatchersRunning", healthy);
			long working4 = working.values().stream().filter(Boolean::booleanValue).count();
			figures.write(String.format(
					"without credentials or with a consumer's: %d/%d publish, fence and shutdown attempts refused, "
							+ "%d messages received by an anonymous PSUBSCRIBE; with the publisher's: %d malformed or "
							+ "foreign messages on 3 channel kinds: rejected and counted %s (expected at least %s), "
							+ "%d foreign events delivered, %d/4 listeners delivered the next real change",
					refusals.refused(), refusals.attempts(), refusals.received(), this.messages, rejected,
					this.expectedRejects, foreignDelivered, working4));
		}
		return figures;
	}

	/**
	 * Publishes the real event's message again (a replayed capture); once a later real
	 * change has reached the dashboard, the repeat must not have: 0 expected.
	 */
	private int republished(String eventId, RawStomp dashboard) {
		String message = this.hub.published()
			.stream()
			.filter((json) -> json.contains(eventId))
			.findFirst()
			.orElseThrow();
		DeviceStateEvent event = CODEC.decode(message.getBytes(StandardCharsets.UTF_8));
		for (String channel : this.channels.channelsFor(event)) {
			this.hub.publish(channel, message.getBytes(StandardCharsets.UTF_8));
		}
		String next = toggle();
		awaitQuietly(() -> dashboard.messagesContaining(next) == 1 && audited(next));
		return (int) dashboard.messagesContaining(eventId) - 1 + (int) auditRows(eventId) - 1;
	}

	private long auditRows(String eventId) {
		return this.hub.count("SELECT count(*) FROM activity.activity_log WHERE event_id = ?::uuid", eventId);
	}

	private static List<String> consumers() {
		return List.of("activity-log", "alexa-subscriber", "ifttt-subscriber", "dashboard-ws");
	}

	private void linkAlexa() {
		this.hub.call("POST", this.hub.url("alexa-subscriber") + "/api/alexa/grants", this.world.victimToken,
				"{\"code\":\"victim-code\",\"region\":\"NA\"}");
	}

	private void sendMalformed() {
		List<byte[]> malformed = new ArrayList<>();
		for (String text : List.of("not json at all", "", "{}", "[1,2,3]", "null", "\"just a string\"",
				"{\"type\":\"property_changed\",\"sequence\":\"abc\"}",
				"{\"type\":\"device_exploded\",\"eventId\":\"" + UUID.randomUUID() + "\",\"sequence\":1}",
				"{\"type\":\"property_changed\",\"type\":\"device_created\"}", "[".repeat(10_000),
				"{\"a\":\"" + "x".repeat(40_000) + "\"}")) {
			malformed.add(text.getBytes(StandardCharsets.UTF_8));
		}
		malformed.add(new byte[] { (byte) 0xff, (byte) 0xfe, 0x00, 0x01, (byte) 0xc0, (byte) 0xaf });
		String valid = CODEC.encodeToString(event(UUID.randomUUID(), 1, this.world.victimDevice));
		malformed.add(valid.replace("\"eventId\":", "\"missing\":").getBytes(StandardCharsets.UTF_8));
		malformed.add(valid.replace("\"property_changed\"", "\"PROPERTY_CHANGED\"").getBytes(StandardCharsets.UTF_8));
		malformed.add(valid.substring(0, valid.length() / 2).getBytes(StandardCharsets.UTF_8));
		String deviceChannel = this.channels.deviceState(this.world.victimDevice);
		String userChannel = this.channels.userEvents(World.VICTIM);
		for (byte[] message : malformed) {
			publish(deviceChannel, message, DEVICE_CONSUMERS);
			publish(this.channels.globalEvents(), message, DEVICE_CONSUMERS);
			publish(userChannel, message, List.of("dashboard-ws"));
			// Channels of no one's device: still the patterns every consumer listens to.
			publish("device:../../etc/passwd:state", message, DEVICE_CONSUMERS);
			publish("user:*:events", message, List.of("dashboard-ws"));
		}
	}

	private void sendForeign() {
		long latest = this.hub.count("SELECT coalesce(max(sequence), 0) FROM publisher.events");
		// A real event on another device's channel (misrouted).
		DeviceStateEvent real = event(UUID.randomUUID(), latest, this.world.victimDevice);
		publish(this.channels.deviceState(this.world.attackerDevice), CODEC.encode(real), DEVICE_CONSUMERS);
		publish(this.channels.userEvents(World.ATTACKER), CODEC.encode(real), List.of("dashboard-ws"));
		// Well-formed events with sequences the publisher never reached, on their proper
		// channels: the jump is filled from the replay API, which shows they were never
		// published, so they are rejected and the position does not move.
		DeviceStateEvent future = event(UUID.randomUUID(), latest + 1_000_000, this.world.victimDevice);
		this.foreignEventIds.add(future.eventId().toString());
		publish(this.channels.deviceState(this.world.victimDevice), CODEC.encode(future), DEVICE_CONSUMERS);
		publish(this.channels.userEvents(World.VICTIM), CODEC.encode(future), List.of("dashboard-ws"));
		// An old sequence: a repeat, dropped (counted as a duplicate, not a reject).
		DeviceStateEvent old = event(UUID.randomUUID(), Math.max(1, latest - 1), this.world.victimDevice);
		this.foreignEventIds.add(old.eventId().toString());
		publish(this.channels.deviceState(this.world.victimDevice), CODEC.encode(old), List.of());
		publish(this.channels.userEvents(World.VICTIM), CODEC.encode(old), List.of());
		DeviceStateEvent lifecycle = DeviceStateEvent.lifecycle(EventType.DEVICE_DELETED, UUID.randomUUID(), latest + 3,
				this.world.victimDevice, World.VICTIM, World.VICTIM_TENANT, ChangeSource.API, Instant.now());
		this.foreignEventIds.add(lifecycle.eventId().toString());
		publish(this.channels.globalEvents(), CODEC.encode(lifecycle), DEVICE_CONSUMERS);
		publish(this.channels.userEvents(World.VICTIM), CODEC.encode(lifecycle), List.of("dashboard-ws"));
	}

	private void publish(String channel, byte[] message, List<String> rejectedBy) {
		this.hub.publish(channel, message);
		this.messages++;
		rejectedBy.forEach((service) -> this.expectedRejects.merge(service, 1L, Long::sum));
	}

	/** Switches the victim's lamp (a real change); the event's id. */
	private String toggle() {
		String value = this.hub.count("SELECT count(*) FROM publisher.device_properties WHERE device_id = ? "
				+ "AND name = 'powerState' AND value = 'ON'", this.world.victimDevice) > 0 ? "OFF" : "ON";
		return this.hub
			.call("PUT",
					this.hub.url("event-publisher") + "/api/devices/" + this.world.victimDevice
							+ "/properties/powerState",
					this.world.victimToken, "{\"value\":\"" + value + "\",\"source\":\"web\"}")
			.path("eventId")
			.asString();
	}

	private boolean audited(String eventId) {
		JsonNode page = this.hub.call("GET",
				this.hub.url("activity-log") + "/api/activity?deviceId=" + this.world.victimDevice + "&limit=500",
				this.world.victimToken, null);
		return page.path("items").findValuesAsString("eventId").contains(eventId);
	}

	private boolean changeReported(Instant after) {
		return this.hub.stack()
			.sandbox()
			.traffic("/alexa/na/v3/events")
			.stream()
			.anyMatch((request) -> request.receivedAt().isAfter(after)
					&& request.bodyAsString().contains(this.world.victimDevice));
	}

	/**
	 * Whether IFTTT was told of a change of the victim's, by the id it knows them by
	 * ({@code tenant:user}).
	 */
	private boolean iftttNotified(Instant after) {
		return this.hub.stack()
			.sandbox()
			.traffic("/ifttt/v1/notifications")
			.stream()
			.anyMatch((request) -> request.receivedAt().isAfter(after)
					&& request.bodyAsString().contains("\"" + World.VICTIM_TENANT + ":" + World.VICTIM + "\""));
	}

	/** Whether anything the hub sent outside names a foreign event. */
	private boolean sentOut(String eventId) {
		return this.hub.stack()
			.sandbox()
			.traffic()
			.stream()
			.map(RecordedRequest::bodyAsString)
			.anyMatch((body) -> body.contains(eventId));
	}

	private DeviceStateEvent event(UUID id, long sequence, String device) {
		return DeviceStateEvent.propertyChanged(id, sequence, device, World.VICTIM, World.VICTIM_TENANT, "powerState",
				"OFF", "FORGED", ChangeSource.WEB, Instant.now());
	}

	private static boolean awaitQuietly(java.util.concurrent.Callable<Boolean> condition) {
		try {
			await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(condition);
			return true;
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			return false;
		}
	}

}
