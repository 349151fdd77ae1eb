package com.virtdevice.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Alexa Event Gateway and the IFTTT Realtime API as local fakes that answer every
 * request after 20 ms, as a distant service would. They count what they receive and, for
 * ChangeReports, how long after the change (its {@code timeOfSample}) it arrived.
 */
final class DispatchFakes implements AutoCloseable {

	static final String ALEXA_PATH = "/alexa/v3/events";

	static final String IFTTT_PATH = "/ifttt/v1/notifications";

	private final HttpServer server;

	private final ExecutorService workers = Executors.newFixedThreadPool(128);

	private final long answerDelayMillis;

	final LongAdder alexaReports = new LongAdder();

	final LongAdder iftttRequests = new LongAdder();

	final LongAdder iftttEntries = new LongAdder();

	final Latencies alexaDelay = new Latencies();

	private DispatchFakes(long answerDelayMillis) throws IOException {
		this.answerDelayMillis = answerDelayMillis;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
		this.server.createContext(ALEXA_PATH, this::alexa);
		this.server.createContext(IFTTT_PATH, this::ifttt);
		this.server.setExecutor(this.workers);
		this.server.start();
	}

	static DispatchFakes start(long answerDelayMillis) throws IOException {
		return new DispatchFakes(answerDelayMillis);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void alexa(HttpExchange exchange) throws IOException {
		String body = read(exchange);
		this.alexaReports.increment();
		int at = body.indexOf("\"timeOfSample\":\"");
		if (at >= 0) {
			int end = body.indexOf('"', at + 16);
			try {
				Instant sampled = Instant.parse(body.substring(at + 16, end));
				this.alexaDelay.record((System.currentTimeMillis() - sampled.toEpochMilli()) * 1_000_000L);
			}
			catch (RuntimeException ex) {
				// not a ChangeReport we can time
			}
		}
		answer(exchange, 202, "");
	}

	private void ifttt(HttpExchange exchange) throws IOException {
		String body = read(exchange);
		this.iftttRequests.increment();
		this.iftttEntries.add(occurrences(body, "\"user_id\"") + occurrences(body, "\"trigger_identity\""));
		answer(exchange, 200, "{}");
	}

	private void answer(HttpExchange exchange, int status, String body) throws IOException {
		try {
			Thread.sleep(this.answerDelayMillis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

	private static String read(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.workers.shutdownNow();
	}

}
