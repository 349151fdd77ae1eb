package com.virtdevice.benchmarks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Many STOMP sessions on a few JDK HTTP clients (each with two threads), opened with a
 * bounded number of handshakes in flight. Records every MESSAGE's event id and arrival.
 */
final class Sessions implements AutoCloseable {

	private final List<ExecutorService> executors = new ArrayList<>();

	private final List<HttpClient> clients = new ArrayList<>();

	private final List<StompSession> sessions = new ArrayList<>();

	private final Map<String, Long> arrivals = new ConcurrentHashMap<>();

	private volatile boolean recordArrivals;

	Sessions(int clients) {
		for (int i = 0; i < clients; i++) {
			ExecutorService executor = Executors.newFixedThreadPool(2);
			this.executors.add(executor);
			this.clients.add(HttpClient.newBuilder()
				.executor(executor)
				.connectTimeout(Duration.ofSeconds(30))
				.version(HttpClient.Version.HTTP_1_1)
				.build());
		}
	}

	/** Opens one session per token; returns the seconds it took. Fails if any cannot. */
	double open(String dashboardUrl, List<String> tokens, int inFlight) throws Exception {
		long started = System.nanoTime();
		Semaphore permits = new Semaphore(inFlight);
		List<CompletableFuture<StompSession>> opening = new ArrayList<>();
		StompSession.FrameSink sink = (frame, now) -> {
			if (this.recordArrivals) {
				this.arrivals.put(StompSession.FrameSink.eventId(frame), now);
			}
		};
		for (int i = 0; i < tokens.size(); i++) {
			permits.acquire();
			CompletableFuture<StompSession> session = StompSession
				.open(this.clients.get(i % this.clients.size()), dashboardUrl, tokens.get(i), sink)
				.whenComplete((s, ex) -> permits.release());
			opening.add(session);
		}
		for (CompletableFuture<StompSession> session : opening) {
			this.sessions.add(session.get(60, TimeUnit.SECONDS));
		}
		return (System.nanoTime() - started) / 1e9;
	}

	/** Whether frames' event ids and arrival times are kept (end-to-end latency). */
	void recordArrivals(boolean record) {
		this.recordArrivals = record;
		if (!record) {
			this.arrivals.clear();
		}
	}

	Map<String, Long> arrivals() {
		return this.arrivals;
	}

	List<StompSession> all() {
		return this.sessions;
	}

	long frames() {
		return this.sessions.stream().mapToLong(StompSession::frames).sum();
	}

	long closed() {
		return this.sessions.stream().filter(StompSession::isClosed).count();
	}

	@Override
	public void close() {
		this.sessions.forEach(StompSession::close);
		this.sessions.clear();
		this.executors.forEach(ExecutorService::shutdownNow);
	}

}
