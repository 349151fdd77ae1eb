package com.virtdevice.alexa;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.virtdevice.testsupport.RecordedRequest;
import com.virtdevice.testsupport.RecordingHttpServer;
import com.virtdevice.testsupport.RecordingHttpServer.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local Alexa Event Gateway of one region: records every report and answers 202 unless
 * the report's token (by the code it was issued for) has answers scripted.
 */
final class FakeGateway implements AutoCloseable {

	static final String PATH = "/v3/events";

	private final RecordingHttpServer http = RecordingHttpServer.start();

	private final Map<String, Deque<Response>> scripts = new ConcurrentHashMap<>();

	FakeGateway() {
		this.http.respond(PATH, this::answer);
	}

	String url() {
		return this.http.url(PATH);
	}

	/** The next reports with tokens of this code get these answers, in order. */
	void script(String code, Response... answers) {
		Deque<Response> queue = this.scripts.computeIfAbsent(code, (key) -> new ArrayDeque<>());
		synchronized (queue) {
			queue.addAll(List.of(answers));
		}
	}

	/** An Event Gateway error answer. */
	static Response error(int status, String code) {
		return Response.json(status,
				"{\"header\":{\"namespace\":\"System\",\"name\":\"Exception\",\"messageId\":\"m\"},"
						+ "\"payload\":{\"code\":\"" + code + "\",\"description\":\"scripted " + code + "\"}}");
	}

	/** Reports received for a device, in arrival order. */
	List<RecordedRequest> reportsOf(String deviceId) {
		return this.http.requests(PATH)
			.stream()
			.filter((request) -> deviceId
				.equals(body(request).path("event").path("endpoint").path("endpointId").asString("")))
			.toList();
	}

	List<RecordedRequest> reports() {
		return this.http.requests(PATH);
	}

	static JsonNode body(RecordedRequest request) {
		return JsonMapper.shared().readTree(request.bodyAsString());
	}

	private Response answer(RecordedRequest request) {
		String authorization = request.header("Authorization");
		String token = (authorization != null) ? authorization.substring("Bearer ".length()) : "";
		String[] parts = token.split("\\|");
		Deque<Response> queue = (parts.length == 3) ? this.scripts.get(parts[1]) : null;
		if (queue != null) {
			synchronized (queue) {
				Response next = queue.pollFirst();
				if (next != null) {
					return next;
				}
			}
		}
		return Response.status(202);
	}

	@Override
	public void close() {
		this.http.close();
	}

}
