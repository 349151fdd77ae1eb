package com.virtdevice.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The load driver's HTTP connection against a real HTTP server (the JDK's). */
class LeanHttpTest {

	private final List<String> received = new CopyOnWriteArrayList<>();

	/** One client address (port) per connection the server accepted. */
	private final Set<InetSocketAddress> peers = ConcurrentHashMap.newKeySet();

	private HttpServer server;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/sized", (exchange) -> answer(exchange, false, false));
		this.server.createContext("/chunked", (exchange) -> answer(exchange, true, false));
		this.server.createContext("/closing", (exchange) -> answer(exchange, false, true));
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void readsSizedAndChunkedAnswersOnOneKeptAliveConnection() {
		try (LeanHttp http = new LeanHttp(baseUrl())) {
			LeanHttp.Answer sized = http.send("PUT", "/sized", "token-1", "{\"value\":\"1\"}");
			LeanHttp.Answer chunked = http.send("GET", "/chunked", null, null);
			assertThat(sized.status()).isEqualTo(200);
			assertThat(sized.body()).isEqualTo("PUT /sized Bearer token-1 {\"value\":\"1\"}");
			assertThat(chunked.body()).isEqualTo("GET /chunked  ");
		}
		assertThat(this.peers).hasSize(1);
	}

	@Test
	void opensANewConnectionAfterTheServerSaidClose() {
		try (LeanHttp http = new LeanHttp(baseUrl())) {
			assertThat(http.send("GET", "/closing", null, null).body()).isEqualTo("GET /closing  ");
			assertThat(http.send("GET", "/sized", null, null).body()).isEqualTo("GET /sized  ");
		}
		assertThat(this.received).containsExactly("/closing", "/sized");
		assertThat(this.peers).hasSize(2);
	}

	private void answer(HttpExchange exchange, boolean chunked, boolean close) throws IOException {
		this.peers.add(exchange.getRemoteAddress());
		this.received.add(exchange.getRequestURI().getPath());
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String body = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
				+ ((authorization != null) ? authorization : "") + " "
				+ new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		if (close) {
			exchange.getResponseHeaders().set("Connection", "close");
		}
		exchange.sendResponseHeaders(200, chunked ? 0 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

}
