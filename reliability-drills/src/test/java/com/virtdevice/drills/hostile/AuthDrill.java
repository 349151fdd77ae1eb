package com.virtdevice.drills.hostile;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.virtdevice.drills.hostile.RawHttp.Answer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Every kind of bad token on every authenticated endpoint of every service (and at STOMP
 * CONNECT); the attacker's valid token, and a token of the same user id in another
 * tenant, against the victim's ids on every endpoint, at the replay and audit APIs, at
 * IFTTT and Alexa, and at STOMP destinations; forged webhook signatures and replayed
 * webhook calls. Counts leaks (the victim's data in an answer or a frame) and effects
 * (the victim's rows, events, Alexa link or IFTTT identity changed).
 */
final class AuthDrill {

	private static final String PUBLISHER = "event-publisher";

	private final Hub hub;

	private final World world;

	private final List<String> leaks = new ArrayList<>();

	private final List<String> effects = new ArrayList<>();

	/** Bad tokens refused with another status than 401. */
	private final List<String> refusedOtherwise = new ArrayList<>();

	private final Map<String, Integer> requests = new LinkedHashMap<>();

	private final String victimIdentity = "victim-identity-" + System.nanoTime();

	AuthDrill(Hub hub, World world) {
		this.hub = hub;
		this.world = world;
	}

	Figures run() {
		Figures figures = new Figures("auth");
		prepareVictim();
		stompDestinations();
		List<List<String>> victimRows = victimRows();
		long victimEvents = victimEvents();
		badTokens();
		otherTenantsIds(this.world.attackerToken, "attacker");
		otherTenantsIds(this.world.twinToken, "same-user-id-other-tenant");
		alexaAcrossTenants();
		forgedWebhookCalls();
		if (!victimRows().equals(victimRows)) {
			this.effects.add("the victim's devices, properties or webhooks changed");
		}
		if (victimEvents() != victimEvents) {
			this.effects.add("events of the victim's tenant were recorded: " + (victimEvents() - victimEvents));
		}
		replayedWebhookCall();
		if (this.hub.count("SELECT count(*) FROM ifttt.trigger_identities WHERE trigger_identity = ? AND user_id = ? "
				+ "AND tenant_id = ?", this.victimIdentity, World.VICTIM, World.VICTIM_TENANT) != 1) {
			this.effects.add("the victim's IFTTT trigger identity was taken or forgotten");
		}
		int total = this.requests.values().stream().mapToInt(Integer::intValue).sum();
		figures.put("requests", this.requests)
			.put("leaks", this.leaks.size())
			.put("effects", this.effects.size())
			.put("badTokensRefusedWithout401", this.refusedOtherwise)
			.put("sampleLeaks", this.leaks.subList(0, Math.min(20, this.leaks.size())))
			.put("sampleEffects", this.effects.subList(0, Math.min(20, this.effects.size())));
		figures.write(String.format("%d hostile requests and STOMP frames (%s): %d leaks, %d effects", total,
				this.requests, this.leaks.size(), this.effects.size()));
		return figures;
	}

	/** The victim's Alexa link, IFTTT identity and activity. */
	private void prepareVictim() {
		this.hub.call("POST", this.hub.url("alexa-subscriber") + "/api/alexa/grants", this.world.victimToken,
				"{\"code\":\"victim-code\",\"region\":\"NA\"}");
		this.hub.call("POST", this.hub.url("ifttt-subscriber") + "/ifttt/v1/triggers/device_property_changed",
				this.world.victimToken,
				"{\"trigger_identity\":\"" + this.victimIdentity + "\",\"triggerFields\":{}," + "\"limit\":1}");
		await().atMost(Duration.ofSeconds(60)).until(() -> activityIdOfVictim() != null);
	}

	private void badTokens() {
		Map<String, String> tokens = new LinkedHashMap<>();
		String[] scopes = { "devices:read", "devices:write", "events:read", "events:replay", "activity:read",
				"ops:read" };
		tokens.put("alg-none", this.hub.tokenBuilder(World.VICTIM, World.VICTIM_TENANT, scopes).unsigned());
		tokens.put("wrong-key",
				this.hub.tokenBuilder(World.VICTIM, World.VICTIM_TENANT, scopes)
					.signedWith("not-the-hub-secret-but-32-bytes-long!!")
					.sign());
		tokens.put("expired",
				this.hub.tokenBuilder(World.VICTIM, World.VICTIM_TENANT, scopes)
					.expiresAt(Instant.now().minusSeconds(3600))
					.sign());
		tokens.put("future-nbf",
				this.hub.tokenBuilder(World.VICTIM, World.VICTIM_TENANT, scopes)
					.notBefore(Instant.now().plusSeconds(3600))
					.sign());
		tokens.put("no-tenant",
				this.hub.tokenBuilder(World.VICTIM, World.VICTIM_TENANT, scopes).claim("tenant", null).sign());
		tokens.put("no-subject", this.hub.tokenBuilder("", World.VICTIM_TENANT, scopes).sign());
		tokens.put("garbage", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl");
		tokens.put("other-issuer",
				this.hub.tokenBuilder(World.VICTIM, World.VICTIM_TENANT, scopes).issuer("someone-else").sign());
		tokens.put("no-issuer", this.hub.tokenBuilder(World.VICTIM, World.VICTIM_TENANT, scopes).issuer(null).sign());
		tokens.put("30-day-lifetime",
				this.hub.tokenBuilder(World.VICTIM, World.VICTIM_TENANT, scopes)
					.issuedAt(Instant.now())
					.expiresAt(Instant.now().plus(Duration.ofDays(30)))
					.sign());
		for (Map.Entry<String, String> token : tokens.entrySet()) {
			for (Call call : victimCalls()) {
				Answer answer = send(call, token.getValue(), "bad-token");
				if (answer.status() / 100 == 2) {
					(call.method().equals("GET") ? this.leaks : this.effects)
						.add(token.getKey() + " " + call + " → " + answer.status() + " " + abbreviate(answer.body()));
				}
				else if (answer.status() != 401) {
					this.refusedOtherwise.add(token.getKey() + " " + call + " → " + answer.status());
				}
			}
			try (RawStomp stomp = RawStomp.connect(this.hub.url("dashboard-ws"), token.getValue())) {
				count("bad-token");
				if (stomp.isConnected() || !(stomp.receivedError() || stomp.isClosed())) {
					this.leaks.add(token.getKey() + " STOMP CONNECT was accepted");
				}
			}
		}
	}

	/** The victim's endpoints, as the victim would call them. */
	private List<Call> victimCalls() {
		String device = "/api/devices/" + this.world.victimDevice;
		return List.of(new Call(PUBLISHER, "GET", "/api/devices", null),
				new Call(PUBLISHER, "POST", "/api/devices", "{\"name\":\"x\",\"type\":\"LIGHT\",\"properties\":{}}"),
				new Call(PUBLISHER, "GET", device, null), new Call(PUBLISHER, "DELETE", device, null),
				new Call(PUBLISHER, "PUT", device + "/properties/powerState", "{\"value\":\"HACKED\"}"),
				new Call(PUBLISHER, "PATCH", device + "/properties", "{\"values\":{\"powerState\":\"HACKED\"}}"),
				new Call(PUBLISHER, "POST", device + "/webhooks", null),
				new Call(PUBLISHER, "DELETE", device + "/webhooks/" + this.world.victimWebhook, null),
				new Call(PUBLISHER, "GET", "/api/events?afterSequence=0&limit=1000", null),
				new Call("alexa-subscriber", "POST", "/api/alexa/grants", "{\"code\":\"c\",\"region\":\"EU\"}"),
				new Call("alexa-subscriber", "GET", "/api/alexa/grants/me", null),
				new Call("alexa-subscriber", "DELETE", "/api/alexa/grants/me", null),
				new Call("alexa-subscriber", "GET", "/api/alexa/deliveries?deviceId=" + this.world.victimDevice, null),
				new Call("ifttt-subscriber", "POST", "/ifttt/v1/triggers/device_property_changed",
						"{\"trigger_identity\":\"" + this.victimIdentity + "\",\"triggerFields\":{\"device_id\":\""
								+ this.world.attackerDevice + "\"}}"),
				new Call("ifttt-subscriber", "GET", "/ifttt/v1/user/info", null),
				new Call("ifttt-subscriber", "DELETE",
						"/ifttt/v1/triggers/device_property_changed/trigger_identity/" + this.victimIdentity, null),
				new Call("activity-log", "GET", "/api/activity?deviceId=" + this.world.victimDevice, null),
				new Call("activity-log", "GET", "/api/activity/" + activityIdOfVictim(), null));
	}

	/** A valid token of someone else against every endpoint with the victim's ids. */
	private void otherTenantsIds(String token, String who) {
		for (Call call : victimCalls()) {
			if (call.path().startsWith("/api/alexa/grants")) {
				continue; // the caller's own link: alexaAcrossTenants
			}
			Answer answer = send(call, token, who);
			if (answer.status() / 100 == 2 && mentionsVictim(answer.body())) {
				this.leaks.add(who + " " + call + " → " + answer.status() + " " + abbreviate(answer.body()));
			}
		}
		Call replay = new Call(PUBLISHER, "GET", "/api/events?afterSequence=0&limit=1000", null);
		Call tenantFilter = new Call("activity-log", "GET", "/api/activity?tenantId=" + World.VICTIM_TENANT, null);
		Call poll = new Call("ifttt-subscriber", "POST", "/ifttt/v1/triggers/device_property_changed",
				"{\"trigger_identity\":\"" + who + "-identity\",\"triggerFields\":{},\"limit\":50}");
		for (Call call : List.of(replay, tenantFilter, poll)) {
			Answer answer = send(call, token, who);
			if (mentionsVictim(answer.body())) {
				this.leaks.add(who + " " + call + " → " + answer.status() + " " + abbreviate(answer.body()));
			}
		}
		Answer wrongDevice = send(
				new Call(PUBLISHER, "DELETE",
						"/api/devices/" + this.world.attackerDevice + "/webhooks/" + this.world.victimWebhook, null),
				token, who);
		if (wrongDevice.status() / 100 == 2) {
			this.effects.add(who + " deleted the victim's webhook through a device of its own");
		}
	}

	/**
	 * The same user id in another tenant links and unlinks Alexa: the victim's link must
	 * stay as it was.
	 */
	private void alexaAcrossTenants() {
		count("same-user-id-other-tenant");
		this.hub.send("POST", this.hub.url("alexa-subscriber") + "/api/alexa/grants", this.world.twinToken,
				"{\"code\":\"twin-code\",\"region\":\"FE\"}");
		count("same-user-id-other-tenant");
		this.hub.send("DELETE", this.hub.url("alexa-subscriber") + "/api/alexa/grants/me", this.world.twinToken, null);
		JsonNode victim = JsonMapper.shared()
			.readTree(this.hub
				.send("GET", this.hub.url("alexa-subscriber") + "/api/alexa/grants/me", this.world.victimToken, null)
				.body());
		if (!victim.path("linked").asBoolean() || !"NA".equals(victim.path("region").asString())) {
			this.effects.add("the same user id in another tenant changed the victim's Alexa link: " + victim);
		}
	}

	/**
	 * Other users' STOMP destinations are refused, and neither the attacker nor the same
	 * user id in another tenant receives the victim's events.
	 */
	private void stompDestinations() {
		List<String> destinations = List.of("/user/" + World.VICTIM + "/queue/device-updates", "/topic/device-updates",
				"/queue/device-updates", "/user/queue/device-updates/../../" + World.VICTIM,
				"/user/" + World.VICTIM_TENANT + "/queue/device-updates", "/no-broker-destinations/x");
		for (String destination : destinations) {
			try (RawStomp stomp = RawStomp.connect(this.hub.url("dashboard-ws"), this.world.attackerToken)) {
				count("stomp-destination");
				stomp.subscribe("s", destination);
				await().atMost(Duration.ofSeconds(10)).until(() -> stomp.receivedError() || stomp.isClosed());
			}
			catch (org.awaitility.core.ConditionTimeoutException ex) {
				this.leaks.add("SUBSCRIBE " + destination + " was not refused");
			}
		}
		try (RawStomp attacker = RawStomp.connect(this.hub.url("dashboard-ws"), this.world.attackerToken);
				RawStomp twin = RawStomp.connect(this.hub.url("dashboard-ws"), this.world.twinToken);
				RawStomp victim = RawStomp.connect(this.hub.url("dashboard-ws"), this.world.victimToken)) {
			count("stomp-destination");
			count("stomp-destination");
			attacker.subscribe("a", "/user/queue/device-updates");
			twin.subscribe("t", "/user/queue/device-updates");
			victim.subscribe("v", "/user/queue/device-updates");
			String eventId = this.hub
				.call("PUT",
						this.hub.url(PUBLISHER) + "/api/devices/" + this.world.victimDevice + "/properties/brightness",
						this.world.victimToken, "{\"value\":\"" + (System.nanoTime() % 100) + "\"}")
				.path("eventId")
				.asString();
			await().atMost(Duration.ofSeconds(30)).until(() -> victim.messagesContaining(eventId) == 1);
			// The victim's frame has arrived; anything for the others went out with it.
			for (RawStomp other : List.of(attacker, twin)) {
				if (other.frames().stream().anyMatch((frame) -> frame.startsWith("MESSAGE") && mentionsVictim(frame))) {
					this.leaks.add((other == twin ? "same user id in another tenant" : "attacker")
							+ " received the victim's event over STOMP");
				}
			}
		}
	}

	/** Forged signatures are refused (and change nothing: checked by the caller). */
	private void forgedWebhookCalls() {
		String hook = "/hooks/" + this.world.victimWebhook;
		byte[] body = "{\"property\":\"powerState\",\"value\":\"FORGED\"}".getBytes(StandardCharsets.UTF_8);
		String attackerSecret = this.hub
			.call("POST", this.hub.url(PUBLISHER) + "/api/devices/" + this.world.attackerDevice + "/webhooks",
					this.world.attackerToken, null)
			.path("secret")
			.asString();
		String valid = World.signature(this.world.victimWebhookSecret, body);
		List<String> forged = new ArrayList<>(List.of("", "sha256=", "sha256=" + "0".repeat(64),
				World.signature(attackerSecret, body), World.signature(this.world.victimWebhookSecret, "{}".getBytes()),
				valid.substring(0, valid.length() - 2), "sha1=" + valid.substring(7, 47), valid.substring(7),
				"sha256=" + valid.substring(7).toUpperCase() + "00", " " + valid + " x"));
		forged.add(null);
		for (String signature : forged) {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("Content-Type", "application/json");
			if (signature != null) {
				headers.put("X-VirtDevice-Signature", signature);
			}
			count("forged-signature");
			Answer answer = RawHttp.send(this.hub.port(PUBLISHER),
					RawHttp.request("POST", hook.getBytes(StandardCharsets.UTF_8), headers, body));
			if (answer.status() != 401) {
				this.effects.add("signature '" + signature + "' → " + answer.status());
			}
		}
	}

	/** A genuine call sent again and again changes things once. */
	private void replayedWebhookCall() {
		String hook = "/hooks/" + this.world.victimWebhook;
		long before = victimEvents();
		byte[] genuine = ("{\"property\":\"powerState\",\"value\":\"WEBHOOK-" + System.nanoTime() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		Map<String, String> headers = Map.of("Content-Type", "application/json", "X-VirtDevice-Signature",
				World.signature(this.world.victimWebhookSecret, genuine));
		for (int i = 0; i < 6; i++) {
			count("webhook-replay");
			Answer answer = RawHttp.send(this.hub.port(PUBLISHER),
					RawHttp.request("POST", hook.getBytes(StandardCharsets.UTF_8), headers, genuine));
			boolean replayed = "true".equals(answer.headers().get("idempotent-replayed"));
			if (answer.status() != 200 || replayed != (i > 0)) {
				this.effects.add("webhook call " + i + " → " + answer.status() + " replayed=" + replayed);
			}
		}
		if (victimEvents() != before + 1) {
			this.effects.add("a genuine webhook call sent 6 times recorded " + (victimEvents() - before) + " events");
		}
	}

	private Answer send(Call call, String token, String group) {
		count(group);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", "Bearer " + token);
		if (call.body() != null) {
			headers.put("Content-Type", "application/json");
		}
		return RawHttp.send(this.hub.port(call.service()),
				RawHttp.request(call.method(), call.path().getBytes(StandardCharsets.UTF_8), headers,
						(call.body() != null) ? call.body().getBytes(StandardCharsets.UTF_8) : new byte[0]));
	}

	private void count(String group) {
		this.requests.merge(group, 1, Integer::sum);
	}

	private boolean mentionsVictim(String text) {
		return text.contains(this.world.victimDevice) || text.contains(World.VICTIM_TENANT);
	}

	private String activityIdOfVictim() {
		HttpResponse<String> page = this.hub.send("GET",
				this.hub.url("activity-log") + "/api/activity?deviceId=" + this.world.victimDevice + "&limit=1",
				this.world.victimToken, null);
		JsonNode items = JsonMapper.shared().readTree(page.body()).path("items");
		return items.isEmpty() ? null : items.get(0).path("id").asString();
	}

	private List<List<String>> victimRows() {
		List<List<String>> rows = new ArrayList<>(this.hub.query(
				"SELECT d.id, d.user_id, d.name, p.name, p.value FROM publisher.devices d LEFT JOIN "
						+ "publisher.device_properties p ON p.device_id = d.id WHERE d.tenant_id = ? ORDER BY 1, 4",
				World.VICTIM_TENANT));
		rows.addAll(this.hub.query("SELECT w.id, w.device_id FROM publisher.webhooks w JOIN publisher.devices d "
				+ "ON d.id = w.device_id WHERE d.tenant_id = ? ORDER BY 1", World.VICTIM_TENANT));
		return rows;
	}

	private long victimEvents() {
		return this.hub.count("SELECT count(*) FROM publisher.events WHERE tenant_id = ?", World.VICTIM_TENANT);
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
	}

	/** One endpoint call. */
	private record Call(String service, String method, String path, String body) {

		@Override
		public String toString() {
			return this.method + " " + this.service + " " + this.path;
		}

	}

}
