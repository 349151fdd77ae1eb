package com.virtdevice.drills.support;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A steady load of property changes through the publisher's REST API: {@code PUT
 * /api/devices/{id}/properties/{property}} at a fixed rate, round-robin over the users'
 * devices, each with a value no earlier change had. Every attempt is recorded with its
 * answer, so a drill can tell accepted changes from refused ones and check both. Requests
 * run on their own threads, so a slow answer does not slow the rate.
 */
public final class SteadyLoad implements AutoCloseable {

	private static final int MAX_IN_FLIGHT = 64;

	/** Loads not stopped yet, so that a drill that fails half-way leaves none running. */
	private static final Set<SteadyLoad> running = ConcurrentHashMap.newKeySet();

	private final HubHttp http;

	private final List<String> publisherUrls;

	private final List<DrillUser> users;

	private final String property;

	private final LongFunction<String> values;

	private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

	private final AtomicLong counter = new AtomicLong();

	private final AtomicLong skipped = new AtomicLong();

	private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

	private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService requests = Executors.newCachedThreadPool();

	private SteadyLoad(HubHttp http, List<String> publisherUrls, List<DrillUser> users, String property,
			LongFunction<String> values) {
		this.http = http;
		this.publisherUrls = List.copyOf(publisherUrls);
		this.users = List.copyOf(users);
		this.property = property;
		this.values = values;
	}

	/**
	 * Starts changing {@code property} of the users' devices {@code perSecond} times a
	 * second, values {@code v1, v2, …}. With several publisher URLs, a request the first
	 * cannot take (connection refused) goes to the next.
	 */
	public static SteadyLoad start(HubHttp http, List<String> publisherUrls, List<DrillUser> users, int perSecond) {
		return start(http, publisherUrls, users, perSecond, "level", (n) -> "v" + n);
	}

	/** As {@link #start(HubHttp, List, List, int)}, with the property and its values. */
	public static SteadyLoad start(HubHttp http, List<String> publisherUrls, List<DrillUser> users, int perSecond,
			String property, LongFunction<String> values) {
		SteadyLoad load = new SteadyLoad(http, publisherUrls, users, property, values);
		running.add(load);
		long period = 1_000_000 / perSecond;
		load.ticks.scheduleAtFixedRate(load::tick, 0, period, TimeUnit.MICROSECONDS);
		return load;
	}

	private void tick() {
		if (!this.inFlight.tryAcquire()) {
			this.skipped.incrementAndGet();
			return;
		}
		long n = this.counter.incrementAndGet();
		DrillUser user = this.users.get((int) (n % this.users.size()));
		String device = user.devices().get((int) ((n / this.users.size()) % user.devices().size()));
		String value = this.values.apply(n);
		this.requests.execute(() -> {
			try {
				this.attempts.add(change(user, device, value));
			}
			finally {
				this.inFlight.release();
			}
		});
	}

	private Attempt change(DrillUser user, String device, String value) {
		Instant started = Instant.now();
		String body = "{\"value\":\"" + value + "\",\"source\":\"api\"}";
		String error = "no publisher";
		for (String url : this.publisherUrls) {
			try {
				HttpResponse<String> response = this.http.send("PUT",
						url + "/api/devices/" + device + "/properties/" + this.property, user.token(), body);
				String contentType = response.headers().firstValue("Content-Type").orElse("");
				JsonNode json = parse(response.body());
				return new Attempt(started, Duration.between(started, Instant.now()), user.userId(), device, value,
						response.statusCode(), contentType, json.path("eventId").asString(""),
						json.path("sequence").asLong(-1), json.path("changed").asBoolean(false), "");
			}
			catch (IOException ex) {
				error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			}
		}
		return new Attempt(started, Duration.between(started, Instant.now()), user.userId(), device, value, -1, "", "",
				-1, false, error);
	}

	private static JsonNode parse(String body) {
		try {
			return JsonMapper.shared().readTree(body);
		}
		catch (RuntimeException ex) {
			return JsonMapper.shared().createObjectNode();
		}
	}

	/** Stops sending and waits for the requests in flight. */
	public SteadyLoad stop() {
		running.remove(this);
		this.ticks.shutdownNow();
		this.requests.shutdown();
		try {
			this.requests.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this;
	}

	/** Stops every load still running (after a drill, whether it passed or not). */
	public static void stopAll() {
		List.copyOf(running).forEach(SteadyLoad::stop);
	}

	/** Every attempt so far, in the order answers came. */
	public List<Attempt> attempts() {
		return List.copyOf(this.attempts);
	}

	/** Attempts that changed a property (200, {@code changed: true}). */
	public List<Attempt> accepted() {
		return this.attempts.stream().filter(Attempt::accepted).toList();
	}

	/** Attempts that did not. */
	public List<Attempt> refused() {
		return this.attempts.stream().filter((attempt) -> !attempt.accepted()).toList();
	}

	/** Ticks skipped because {@value #MAX_IN_FLIGHT} requests were already waiting. */
	public long skipped() {
		return this.skipped.get();
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * One change request and its answer.
	 *
	 * @param startedAt when it was sent
	 * @param took how long the answer took
	 * @param userId whose device
	 * @param deviceId the device
	 * @param value the value it set
	 * @param status the HTTP status, -1 when no publisher answered
	 * @param contentType the answer's content type
	 * @param eventId the event's id when accepted
	 * @param sequence the event's sequence when the answer had it, else -1
	 * @param changed whether the value changed
	 * @param error the network error when no publisher answered
	 */
	public record Attempt(Instant startedAt, Duration took, String userId, String deviceId, String value, int status,
			String contentType, String eventId, long sequence, boolean changed, String error) {

		public boolean accepted() {
			return this.status == 200 && this.changed;
		}

	}

}
