package com.virtdevice.alexa;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.virtdevice.testsupport.RecordedRequest;
import com.virtdevice.testsupport.RecordingHttpServer;
import com.virtdevice.testsupport.RecordingHttpServer.Response;

/**
 * A local Login with Amazon token endpoint. Code {@code C} yields access tokens
 * {@code Atza|C|n} and refresh tokens {@code Atzr|C|n}; codes starting with
 * {@code refused} and revoked refresh tokens get {@code invalid_grant}.
 */
final class FakeLwa implements AutoCloseable {

	static final String PATH = "/auth/o2/token";

	private final RecordingHttpServer http = RecordingHttpServer.start();

	private final AtomicInteger issued = new AtomicInteger();

	private final Map<String, Long> lifetimes = new ConcurrentHashMap<>();

	private final Set<String> revoked = ConcurrentHashMap.newKeySet();

	private final Map<String, List<String>> accessTokens = new ConcurrentHashMap<>();

	FakeLwa() {
		this.http.respond(PATH, this::answer);
	}

	String url() {
		return this.http.url(PATH);
	}

	/**
	 * Tokens issued for this code itself (not refreshed ones) live only this many
	 * seconds.
	 */
	void expiresIn(String code, long seconds) {
		this.lifetimes.put(code, seconds);
	}

	/** Refresh tokens of this code get {@code invalid_grant} from now on. */
	void revoke(String code) {
		this.revoked.add(code);
	}

	/** The forms posted so far. */
	List<Map<String, String>> forms() {
		return this.http.requests(PATH).stream().map(RecordedRequest::form).toList();
	}

	List<Map<String, String>> refreshesOf(String code) {
		return forms().stream()
			.filter((form) -> "refresh_token".equals(form.get("grant_type")))
			.filter((form) -> form.getOrDefault("refresh_token", "").startsWith("Atzr|" + code + "|"))
			.toList();
	}

	/** The access tokens issued for a code's grant, oldest first. */
	List<String> accessTokensOf(String code) {
		return List.copyOf(this.accessTokens.getOrDefault(code, List.of()));
	}

	RecordingHttpServer http() {
		return this.http;
	}

	private Response answer(RecordedRequest request) {
		Map<String, String> form = request.form();
		String code = switch (form.getOrDefault("grant_type", "")) {
			case "authorization_code" -> form.getOrDefault("code", "");
			case "refresh_token" -> codeOf(form.getOrDefault("refresh_token", ""));
			default -> null;
		};
		if (code == null || code.startsWith("refused")
				|| ("refresh_token".equals(form.get("grant_type")) && this.revoked.contains(code))) {
			return Response.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"The grant is invalid\"}");
		}
		int n = this.issued.incrementAndGet();
		this.accessTokens.computeIfAbsent(code, (key) -> new java.util.concurrent.CopyOnWriteArrayList<>())
			.add("Atza|" + code + "|" + n);
		long lifetime = "authorization_code".equals(form.get("grant_type")) ? this.lifetimes.getOrDefault(code, 3600L)
				: 3600L;
		return Response.json(200, "{\"access_token\":\"Atza|" + code + "|" + n + "\",\"refresh_token\":\"Atzr|" + code
				+ "|" + n + "\",\"token_type\":\"bearer\",\"expires_in\":" + lifetime + "}");
	}

	private static String codeOf(String refreshToken) {
		String[] parts = refreshToken.split("\\|");
		return (parts.length == 3) ? parts[1] : "";
	}

	@Override
	public void close() {
		this.http.close();
	}

}
