package com.virtdevice.drills.hostile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.virtdevice.drills.hostile.RawHttp.Answer;
import com.virtdevice.drills.hostile.RestFuzzer.FuzzRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Sends a few thousand generated hostile requests to every service's REST endpoints and
 * checks each answer (never 5xx, every error problem JSON — IFTTT's own error body on its
 * endpoints) and, afterwards, the database: the victim tenant's rows unchanged, the
 * attacker's device holding exactly what the accepted requests set, and one recorded and
 * published event per change an accepted request reported — none for a rejected one.
 */
final class RestFuzzDrill {

	private static final String PUBLISHER = "event-publisher";

	private final Hub hub;

	private final World world;

	private final long seed;

	private final int requests;

	private final Map<String, Integer> byStatus = new TreeMap<>();

	private final Map<String, Integer> byKind = new TreeMap<>();

	private final Map<String, Integer> byService = new TreeMap<>();

	private final List<String> serverErrors = new ArrayList<>();

	/** Accepted publisher writes whose value, name or source was no JSON string. */
	private final List<String> nonStringsAccepted = new ArrayList<>();

	private static final Set<String> STRING_TAKING_WRITES = Set.of("POST /api/devices",
			"PUT /api/devices/{id}/properties/{property}", "PATCH /api/devices/{id}/properties", "POST /hooks/{hook}");

	private final List<String> notProblemJson = new ArrayList<>();

	private final List<String> leaks = new ArrayList<>();

	private final Map<String, Integer> noAnswer = new TreeMap<>();

	private final Set<String> reportedEventIds = new HashSet<>();

	private final Map<String, String> expectedOwnDevice = new TreeMap<>(
			Map.of("powerState", "OFF", "brightness", "30"));

	private int acceptedCreations;

	RestFuzzDrill(Hub hub, World world, long seed, int requests) {
		this.hub = hub;
		this.world = world;
		this.seed = seed;
		this.requests = requests;
	}

	Figures run() {
		Figures figures = new Figures("rest-fuzz").put("seed", this.seed).put("requests", this.requests);
		List<List<String>> victimBefore = victimRows();
		long lastEventBefore = this.hub.count("SELECT coalesce(max(id), 0) FROM publisher.events");
		long rejectedBefore = this.hub.count("SELECT count(*) FROM publisher.rejected_events");
		this.expectedOwnDevice.clear();
		this.expectedOwnDevice.putAll(ownDeviceRows());
		String badToken = this.hub.tokenBuilder(World.ATTACKER, World.ATTACKER_TENANT, Hub.ALL_USER_SCOPES)
			.signedWith("a-key-the-hub-does-not-know-0123456789")
			.sign();
		RestFuzzer fuzzer = new RestFuzzer(this.seed,
				new RestFuzzer.Targets(this.world.attackerDevice, this.world.victimDevice, this.world.attackerWebhook,
						this.world.victimWebhook, this.world.attackerToken, this.world.twinToken, badToken,
						Hub.IFTTT_SERVICE_KEY));
		for (int i = 0; i < this.requests; i++) {
			FuzzRequest request = fuzzer.next();
			Answer answer = RawHttp.send(this.hub.port(request.service()), request.bytes());
			check(i, request, answer);
		}
		List<List<String>> newEvents = this.hub.query(
				"SELECT type, event_id::text, device_id, tenant_id, source, property, new_value FROM publisher.events "
						+ "WHERE id > ? ORDER BY id",
				lastEventBefore);
		List<String> unexplained = new ArrayList<>();
		int created = 0;
		for (List<String> event : newEvents) {
			if (event.get(0).equals("device_created") && event.get(3).equals(World.ATTACKER_TENANT)) {
				created++;
			}
			else if (!this.reportedEventIds.contains(event.get(1))) {
				unexplained.add(event.toString());
			}
		}
		if (created != this.acceptedCreations) {
			unexplained.add(created + " devices created, " + this.acceptedCreations + " creations accepted");
		}
		boolean victimUnchanged = victimRows().equals(victimBefore);
		Map<String, String> ownAfter = ownDeviceRows();
		boolean ownAsAccepted = ownAfter.equals(this.expectedOwnDevice);
		await().atMost(java.time.Duration.ofSeconds(60)).until(() -> unpublished().isEmpty());
		long rejectedEvents = this.hub.count("SELECT count(*) FROM publisher.rejected_events") - rejectedBefore;
		int partialWrites = unexplained.size() + (victimUnchanged ? 0 : 1) + (ownAsAccepted ? 0 : 1);
		figures.put("byService", this.byService)
			.put("byKind", this.byKind)
			.put("byStatus", this.byStatus)
			.put("responses5xx", this.serverErrors.size())
			.put("errorsNotProblemJson", this.notProblemJson.size())
			.put("leaks", this.leaks.size())
			.put("noAnswer", this.noAnswer)
			.put("acceptedChanges", this.reportedEventIds.size())
			.put("acceptedCreations", this.acceptedCreations)
			.put("eventsRecorded", newEvents.size())
			.put("partialWrites", partialWrites)
			.put("nonStringsAccepted", this.nonStringsAccepted.size())
			.put("samplesNonStringsAccepted", first(this.nonStringsAccepted))
			.put("committedButRejectedByTheRelay", rejectedEvents)
			.put("victimRowsUnchanged", victimUnchanged)
			.put("attackerDeviceAsAccepted", ownAsAccepted)
			.put("samples5xx", first(this.serverErrors))
			.put("samplesNotProblemJson", first(this.notProblemJson))
			.put("samplesLeaks", first(this.leaks))
			.put("samplesPartialWrites", first(unexplained));
		if (!ownAsAccepted) {
			figures.put("attackerDeviceExpected", this.expectedOwnDevice).put("attackerDeviceActual", ownAfter);
		}
		figures.write(String.format(
				"seed %d: %d requests to 5 services, %d answers 5xx, %d errors not problem JSON, %d leaks, "
						+ "%d partial writes (%d accepted changes, %d events recorded), %d non-string values accepted, "
						+ "%d committed events the relay rejected",
				this.seed, this.requests, this.serverErrors.size(), this.notProblemJson.size(), this.leaks.size(),
				partialWrites, this.reportedEventIds.size(), newEvents.size(), this.nonStringsAccepted.size(),
				rejectedEvents));
		return figures;
	}

	private void check(int index, FuzzRequest request, Answer answer) {
		String label = "#" + index + " " + request.kind().replace(' ', '_') + " " + request.method() + " "
				+ request.service() + " " + request.endpoint();
		this.byKind.merge(request.kind().replaceAll("/.*", ""), 1, Integer::sum);
		this.byService.merge(request.service(), 1, Integer::sum);
		this.byStatus.merge(String.valueOf(answer.status()), 1, Integer::sum);
		if (answer.status() == 0) {
			this.noAnswer.merge(answer.failure(), 1, Integer::sum);
			return;
		}
		String sample = label + " → " + answer.status() + " " + answer.contentType() + " " + abbreviate(answer.body());
		if (answer.status() >= 500) {
			this.serverErrors.add(sample);
		}
		if (answer.status() >= 400) {
			if (!isProblem(answer, request)) {
				this.notProblemJson.add(sample);
			}
			return;
		}
		if (answer.body().contains(this.world.victimDevice) || answer.body().contains(World.VICTIM_TENANT)) {
			this.leaks.add(sample);
		}
		if (request.service().equals(PUBLISHER) && request.kind().equals("wrong-types")
				&& STRING_TAKING_WRITES.contains(request.endpoint()) && answer.status() / 100 == 2) {
			this.nonStringsAccepted.add(sample);
		}
		if (request.service().equals(PUBLISHER) && !request.kind().equals("wrong-method")
				&& answer.status() / 100 == 2) {
			recordEffects(request, answer);
		}
	}

	/** What an accepted request to the publisher did, from its answer. */
	private void recordEffects(FuzzRequest request, Answer answer) {
		if ("true".equals(answer.headers().get("idempotent-replayed")) || answer.body().isEmpty()) {
			return;
		}
		JsonNode body = JsonMapper.shared().readTree(answer.body());
		if (request.endpoint().equals("POST /api/devices") && answer.status() == 201) {
			this.acceptedCreations++;
			return;
		}
		List<JsonNode> results = new ArrayList<>();
		if (body.has("results")) {
			body.path("results").forEach(results::add);
		}
		else if (body.has("changed")) {
			results.add(body);
		}
		for (JsonNode result : results) {
			if (result.path("changed").asBoolean()) {
				this.reportedEventIds.add(result.path("eventId").asString());
				if (result.path("deviceId").asString().equals(this.world.attackerDevice)) {
					this.expectedOwnDevice.put(result.path("property").asString(), result.path("newValue").asString());
				}
			}
		}
	}

	private static boolean isProblem(Answer answer, FuzzRequest request) {
		if (request.method().equals("HEAD")) {
			return true;
		}
		try {
			JsonNode body = JsonMapper.shared().readTree(answer.body());
			if (answer.contentType().startsWith("application/problem+json")) {
				return body.path("status").asInt() == answer.status();
			}
			// IFTTT's service protocol has its own error body on its endpoints.
			return request.endpoint().contains("/ifttt/v1/") && answer.contentType().startsWith("application/json")
					&& body.path("errors").isArray();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** Accepted changes whose event has not been seen on Redis yet. */
	private Set<String> unpublished() {
		Set<String> missing = new HashSet<>(this.reportedEventIds);
		for (String json : this.hub.published()) {
			missing.removeIf(json::contains);
		}
		return missing;
	}

	private List<List<String>> victimRows() {
		List<List<String>> rows = new ArrayList<>(this.hub
			.query("SELECT d.id, d.user_id, d.name, p.name, p.value, p.updated_at::text FROM publisher.devices d "
					+ "LEFT JOIN publisher.device_properties p ON p.device_id = d.id WHERE d.tenant_id = ? "
					+ "ORDER BY d.id, p.name", World.VICTIM_TENANT));
		rows.addAll(this.hub.query("SELECT w.id, w.device_id, encode(w.secret_ciphertext, 'hex'), w.secret_key_id "
				+ "FROM publisher.webhooks w JOIN publisher.devices d ON d.id = w.device_id "
				+ "WHERE d.tenant_id = ? ORDER BY w.id", World.VICTIM_TENANT));
		return rows;
	}

	private Map<String, String> ownDeviceRows() {
		Map<String, String> values = new LinkedHashMap<>();
		this.hub
			.query("SELECT name, value FROM publisher.device_properties WHERE device_id = ? ORDER BY name",
					this.world.attackerDevice)
			.forEach((row) -> values.put(row.get(0), row.get(1)));
		return new TreeMap<>(values);
	}

	/**
	 * One sample of each kind of failure (service, endpoint, status, what was hostile).
	 */
	private static List<String> first(List<String> samples) {
		Map<String, String> distinct = new LinkedHashMap<>();
		for (String sample : samples) {
			String[] words = sample.split(" ");
			String signature = (words.length > 6) ? String.join(" ", words[1], words[2], words[3], words[4], words[5],
					sample.replaceAll(".* → (\\d+).*", "$1")) : sample;
			distinct.putIfAbsent(signature, sample);
		}
		return new ArrayList<>(distinct.values()).subList(0, Math.min(40, distinct.size()));
	}

	private static String abbreviate(String text) {
		String flat = text.replaceAll("\\s+", " ");
		return (flat.length() > 300) ? flat.substring(0, 300) + "…" : flat;
	}

}
