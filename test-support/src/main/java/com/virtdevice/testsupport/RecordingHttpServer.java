package com.virtdevice.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that stands in for an outside service (Alexa, LWA, IFTTT): it
 * records every request and answers with programmed responses, so a test asserts on what
 * was actually sent. Nothing leaves the machine.
 * <p>
 * Responses are chosen per path: first any queued one-shot responses ({@link #enqueue}),
 * then the path's standing answer ({@link #respond}), else {@code 200 {}}.
 */
public final class RecordingHttpServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "recording-http");
		thread.setDaemon(true);
		return thread;
	});

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Response>> queued = new ConcurrentHashMap<>();

	private final Map<String, Function<RecordedRequest, Response>> standing = new ConcurrentHashMap<>();

	private RecordingHttpServer(int port) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on port " + port, ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** Starts a server on a free loopback port. */
	public static RecordingHttpServer start() {
		return new RecordingHttpServer(0);
	}

	/** Starts a server on the given port. */
	public static RecordingHttpServer startOn(int port) {
		return new RecordingHttpServer(port);
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** {@code http://127.0.0.1:port}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/** The absolute URL of a path on this server. */
	public String url(String path) {
		return baseUrl() + path;
	}

	/** Answers every request to {@code path} with the same response. */
	public RecordingHttpServer respond(String path, Response response) {
		return respond(path, (request) -> response);
	}

	/**
	 * Answers every request to {@code path} with whatever the function returns. A path
	 * ending in {@code /*} matches every path under it.
	 */
	public RecordingHttpServer respond(String path, Function<RecordedRequest, Response> answer) {
		this.standing.put(path, answer);
		return this;
	}

	/**
	 * Answers the next requests to {@code path} with these responses, in order, once
	 * each.
	 */
	public RecordingHttpServer enqueue(String path, Response... responses) {
		Deque<Response> queue = this.queued.computeIfAbsent(path, (key) -> new ArrayDeque<>());
		synchronized (queue) {
			queue.addAll(List.of(responses));
		}
		return this;
	}

	/** Every request received so far, in arrival order. */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/** The requests received so far for one path. */
	public List<RecordedRequest> requests(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	/** Forgets recorded requests and programmed responses. */
	public void reset() {
		this.requests.clear();
		this.queued.clear();
		this.standing.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			RecordedRequest request = record(exchange, in.readAllBytes());
			this.requests.add(request);
			Response response = responseFor(request);
			if (!response.delay().isZero()) {
				sleep(response.delay());
			}
			response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(response.status(), (body.length == 0) ? -1 : body.length);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
	}

	private Response responseFor(RecordedRequest request) {
		Deque<Response> queue = this.queued.get(request.path());
		if (queue != null) {
			synchronized (queue) {
				Response next = queue.pollFirst();
				if (next != null) {
					return next;
				}
			}
		}
		Function<RecordedRequest, Response> answer = this.standing.get(request.path());
		if (answer == null) {
			answer = this.standing.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().endsWith("/*")
						&& request.path().startsWith(entry.getKey().substring(0, entry.getKey().length() - 1)))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(null);
		}
		return (answer != null) ? answer.apply(request) : Response.json(200, "{}");
	}

	private static RecordedRequest record(HttpExchange exchange, byte[] body) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
		URI uri = exchange.getRequestURI();
		String query = (uri.getRawQuery() != null) ? uri.getRawQuery() : "";
		return new RecordedRequest(exchange.getRequestMethod(), uri.getPath(), query, Map.copyOf(headers), body,
				Instant.now());
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A programmed answer.
	 *
	 * @param status the HTTP status
	 * @param body the body, empty for none
	 * @param headers response headers
	 * @param delay how long to wait before answering
	 */
	public record Response(int status, String body, Map<String, String> headers, Duration delay) {

		/** A JSON answer. */
		public static Response json(int status, String body) {
			return new Response(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO);
		}

		/** An answer without a body. */
		public static Response status(int status) {
			return new Response(status, "", Map.of(), Duration.ZERO);
		}

		/** The same answer, given only after a delay. */
		public Response delayedBy(Duration delay) {
			return new Response(this.status, this.body, this.headers, delay);
		}

	}

}
