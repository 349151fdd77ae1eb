package com.virtdevice.support.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.virtdevice.support.TestServiceApplication;
import com.virtdevice.testsupport.RealInfrastructure;
import com.virtdevice.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/contract.md §8 tokens, end to end through the shared filter chain. */
@SpringBootTest(classes = TestServiceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class HubSecurityIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void acceptsAValidTokenAndExposesItsClaims() throws Exception {
		String token = TestTokens.forUser("user-1", "tenant-1").scopes("devices:read", "events:read").sign();

		HttpResponse<String> response = get("/api/whoami", token);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"userId\":\"user-1\"", "\"tenantId\":\"tenant-1\"", "devices:read");
	}

	@Test
	void rejectsARequestWithoutATokenWithProblemJson() throws Exception {
		HttpResponse<String> response = get("/api/whoami", null);

		assertUnauthorized(response);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
	}

	@Test
	void rejectsAnExpiredToken() throws Exception {
		assertUnauthorized(get("/api/whoami",
				TestTokens.forUser("u", "t").expiresAt(Instant.now().minus(Duration.ofMinutes(5))).sign()));
	}

	@Test
	void rejectsATokenThatIsNotYetValid() throws Exception {
		assertUnauthorized(get("/api/whoami",
				TestTokens.forUser("u", "t").notBefore(Instant.now().plus(Duration.ofMinutes(5))).sign()));
	}

	@Test
	void rejectsATokenSignedWithAnotherKey() throws Exception {
		assertUnauthorized(get("/api/whoami",
				TestTokens.forUser("u", "t").signedWith("another-secret-of-at-least-32-bytes!!").sign()));
	}

	@Test
	void rejectsAnUnsignedAlgNoneToken() throws Exception {
		assertUnauthorized(get("/api/whoami", TestTokens.forUser("u", "t").unsigned()));
	}

	@Test
	void rejectsATokenWithoutTenantOrExpiry() throws Exception {
		assertUnauthorized(get("/api/whoami", TestTokens.forUser("u", "t").claim("tenant", null).sign()));
		assertUnauthorized(get("/api/whoami", TestTokens.forUser("u", "t").claim("exp", null).sign()));
	}

	@Test
	void rejectsATokenOfAnotherIssuer() throws Exception {
		assertUnauthorized(get("/api/whoami", TestTokens.forUser("u", "t").issuer("someone-else").sign()));
		assertUnauthorized(get("/api/whoami", TestTokens.forUser("u", "t").issuer(null).sign()));
	}

	@Test
	void rejectsLocalSignInTokensWhereTheLocalSignInIsOff() throws Exception {
		assertUnauthorized(get("/api/whoami", TestTokens.forUser("u", "t").issuer(TokenIssuers.DEV_SIGN_IN).sign()));
		assertUnauthorized(
				get("/api/whoami", TestTokens.forUser("u", "t").issuer(TokenIssuers.IFTTT_TEST_SETUP).sign()));
	}

	@Test
	void rejectsATokenThatLivesLongerThan24Hours() throws Exception {
		Instant now = Instant.now();
		assertUnauthorized(get("/api/whoami",
				TestTokens.forUser("u", "t").issuedAt(now).expiresAt(now.plus(Duration.ofDays(30))).sign()));
	}

	@Test
	void rejectsASubjectThatCouldBreakAChannelName() throws Exception {
		assertUnauthorized(get("/api/whoami", TestTokens.forUser("user:*", "t").sign()));
	}

	@Test
	void refusesAValidTokenWithoutTheNeededScopeWith403() throws Exception {
		HttpResponse<String> response = get("/api/ops/overview",
				TestTokens.forUser("u", "t").scopes("devices:read").sign());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":403");
		assertThat(get("/api/ops/overview", TestTokens.forUser("u", "t").scopes("ops:read").sign()).statusCode())
			.isEqualTo(200);
	}

	@Test
	void leavesHealthAndMetricsOpen() throws Exception {
		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/prometheus", null).body()).contains("jvm_memory_used_bytes");
	}

	private void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":401", "\"title\":\"Unauthorized\"");
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
