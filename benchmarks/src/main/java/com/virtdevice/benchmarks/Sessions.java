package com.virtdevice.benchmarks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

	private long failedToOpen;

	private String firstFailure = "";

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

	/**
	 * Opens one session per token; returns the seconds it took. Sessions that do not open
	 * within two minutes are counted, not waited for.
	 */
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
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		for (CompletableFuture<StompSession> session : opening) {
			try {
				this.sessions.add(session.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
			}
			catch (ExecutionException | TimeoutException ex) {
				// Counted: a session the server did not take is a session dropped.
				this.failedToOpen++;
				if (this.firstFailure.isEmpty()) {
					this.firstFailure = String.valueOf(ex.getCause() != null ? ex.getCause() : ex);
				}
			}
		}
		return (System.nanoTime() - started) / 1e9;
	}

	/** Sessions that could not be opened (refused, errored or not answered in time). */
	long failedToOpen() {
		return this.failedToOpen;
	}

	String firstFailure() {
		return this.firstFailure;
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
