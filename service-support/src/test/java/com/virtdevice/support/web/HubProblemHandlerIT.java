package com.virtdevice.support.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

import com.virtdevice.support.TestServiceApplication;
import com.virtdevice.testsupport.RealInfrastructure;
import com.virtdevice.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error is an RFC 9457 problem, with the right status and nothing internal in it.
 */
@SpringBootTest(classes = TestServiceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class HubProblemHandlerIT {

	private final HttpClient http = HttpClient.newHttpClient();

	private final String token = TestTokens.forUser("u", "t").sign();

	@LocalServerPort
	private int port;

	@Test
	void malformedJsonIs400() throws Exception {
		HttpResponse<String> response = post("/api/echo", HttpRequest.BodyPublishers.ofString("{\"text\": "));

		assertProblem(response, 400);
	}

	@Test
	void anInvalidFieldIs400NamingTheField() throws Exception {
		HttpResponse<String> response = post("/api/echo",
				HttpRequest.BodyPublishers.ofString("{\"text\": \"far too long for ten\"}"));

		assertProblem(response, 400);
		assertThat(response.body()).contains("\"field\":\"text\"");
	}

	@Test
	void aBodyOverTheLimitIs413WhetherItsLengthIsKnownOrNot() throws Exception {
		String huge = "{\"text\":\"" + "x".repeat(70_000) + "\"}";

		assertProblem(post("/api/echo", HttpRequest.BodyPublishers.ofString(huge)), 413);
		byte[] bytes = huge.getBytes(StandardCharsets.UTF_8);
		Iterator<byte[]> chunks = List
			.of(java.util.Arrays.copyOfRange(bytes, 0, 40_000),
					java.util.Arrays.copyOfRange(bytes, 40_000, bytes.length))
			.iterator();
		assertProblem(post("/api/echo", HttpRequest.BodyPublishers.ofByteArrays(() -> chunks)), 413);
	}

	@Test
	void anUnreachableDatabaseIs503WithRetryAfter() throws Exception {
		HttpResponse<String> response = get("/api/database-down");

		assertProblem(response, 503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.body()).doesNotContain("connection refused");
	}

	@Test
	void aDatabaseGoneInTheMiddleOfATransactionIs503EvenWhenTheRollbackFailsToo() throws Exception {
		HttpResponse<String> response = get("/api/database-gone-mid-transaction");

		assertProblem(response, 503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
	}

	@Test
	void aFailedRollbackAfterABugIsStill500() throws Exception {
		HttpResponse<String> response = get("/api/rollback-bug");

		assertProblem(response, 500);
		assertThat(response.body()).doesNotContain("secret internal detail");
	}

	@Test
	void anUnexpectedErrorIs500WithoutInternalDetail() throws Exception {
		HttpResponse<String> response = get("/api/bug");

		assertProblem(response, 500);
		assertThat(response.body()).doesNotContain("secret internal detail", "IllegalStateException");
	}

	@Test
	void anUnknownPathIs404() throws Exception {
		assertProblem(get("/api/nothing-here"), 404);
	}

	@Test
	void aRequestTheFirewallRejectsIsProblemJsonToo() throws Exception {
		assertProblem(get("/api//whoami"), 400);
	}

	@Test
	void aRequestLineTomcatCannotDecodeIsProblemJsonToo() throws Exception {
		String answer = raw("GET /api/ec\u00ffho HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 400 ")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.contains("\"status\":400")
			.doesNotContain("<html", "Apache Tomcat");
	}

	@Test
	void headersTooLargeForTomcatAreProblemJsonToo() throws Exception {
		String answer = raw("GET /api/echo HTTP/1.1\r\nHost: localhost\r\nX-Huge: " + "h".repeat(20_000)
				+ "\r\nConnection: close\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 400 ")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.contains("\"status\":400");
	}

	@Test
	void aQueryStringTomcatCannotDecodeIs400() throws Exception {
		String answer = raw("GET /api/page?limit=%'1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + this.token
				+ "\r\nConnection: close\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 400 ")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.contains("\"status\":400");
	}

	@Test
	void aMultipartContentTypeIsNotParsedAndIsNoServerError() throws Exception {
		HttpResponse<String> response = this.http
			.send(request("/api/echo").header("Content-Type", "multipart/form-data")
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertProblem(response, 415);
	}

	/** A request sent byte for byte (ISO-8859-1), as no HTTP client library would. */
	private String raw(String request) throws Exception {
		try (java.net.Socket socket = new java.net.Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":" + status);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws Exception {
		return this.http.send(request(path).header("Content-Type", "application/json").POST(body).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + this.token);
	}

}
