package com.virtdevice.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.virtdevice.testsupport.RecordingHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordingHttpServerTest {

	private final RecordingHttpServer server = RecordingHttpServer.start();

	private final HttpClient client = HttpClient.newHttpClient();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void recordsWhatWasSent() throws Exception {
		post("/auth/o2/token?x=1", "grant_type=authorization_code&code=a%2Bb");

		assertThat(this.server.requests("/auth/o2/token")).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.query()).isEqualTo("x=1");
			assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
			assertThat(request.form()).containsEntry("grant_type", "authorization_code").containsEntry("code", "a+b");
		});
	}

	@Test
	void answersWithQueuedResponsesFirstThenTheStandingOne() throws Exception {
		this.server.respond("/v3/events", Response.status(202));
		this.server.enqueue("/v3/events", Response.json(429, "{\"payload\":{\"code\":\"THROTTLING_EXCEPTION\"}}"),
				Response.status(500));

		assertThat(post("/v3/events", "{}").statusCode()).isEqualTo(429);
		assertThat(post("/v3/events", "{}").statusCode()).isEqualTo(500);
		assertThat(post("/v3/events", "{}").statusCode()).isEqualTo(202);
		assertThat(post("/elsewhere", "{}").body()).isEqualTo("{}");
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.server.url(path)))
			.header("Content-Type", path.startsWith("/auth") ? "application/x-www-form-urlencoded" : "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
