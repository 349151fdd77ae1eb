package com.virtdevice.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.virtdevice.testsupport.RecordingHttpServer.Response;
import org.jspecify.annotations.Nullable;

/**
 * Stands in for an OAuth 2.0 identity provider: a token endpoint for the client
 * credentials grant ({@code POST /oauth2/token}, client secret in HTTP Basic or the form)
 * that issues RS256 JWTs of docs/contract.md §8 ({@code sub} the client id, tenant
 * {@code system}, the requested scopes), and the JWK set that verifies them
 * ({@code GET /jwks}). Records every request; {@link #tokenLifetime} makes tokens expire
 * as soon as a test needs.
 */
public final class FakeIdentityProvider implements AutoCloseable {

	/** The token endpoint's path. */
	public static final String TOKEN_PATH = "/oauth2/token";

	/** The JWK set's path. */
	public static final String JWKS_PATH = "/jwks";

	private final RecordingHttpServer http = RecordingHttpServer.start();

	private final RSAKey key;

	private final String clientId;

	private final String clientSecret;

	private final List<String> issued = new CopyOnWriteArrayList<>();

	private volatile Duration lifetime = Duration.ofMinutes(5);

	private volatile boolean refusing;

	private FakeIdentityProvider(String clientId, String clientSecret) {
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		try {
			this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		this.http.respond(JWKS_PATH, (request) -> Response.json(200, new JWKSet(this.key.toPublicJWK()).toString()));
		this.http.respond(TOKEN_PATH, this::token);
	}

	/** An identity provider that knows one client. */
	public static FakeIdentityProvider start(String clientId, String clientSecret) {
		return new FakeIdentityProvider(clientId, clientSecret);
	}

	/** How long the tokens it issues from now on live. */
	public FakeIdentityProvider tokenLifetime(Duration lifetime) {
		this.lifetime = lifetime;
		return this;
	}

	/** Refuses (or, with {@code false}, serves again) every token request. */
	public FakeIdentityProvider refuseTokens(boolean refuse) {
		this.refusing = refuse;
		return this;
	}

	/** Its {@code iss}. */
	public String issuer() {
		return this.http.baseUrl();
	}

	public String tokenUri() {
		return this.http.url(TOKEN_PATH);
	}

	public String jwkSetUri() {
		return this.http.url(JWKS_PATH);
	}

	/**
	 * The settings of a hub service that verifies its tokens and obtains its own service
	 * token here (registration {@code virtdevice}).
	 */
	public Map<String, String> serviceProperties() {
		String registration = "spring.security.oauth2.client.registration.virtdevice.";
		return Map.of("virtdevice.security.jwt.jwk-set-uri", jwkSetUri(), "virtdevice.security.jwt.issuers", issuer(),
				registration + "client-id", this.clientId, registration + "client-secret", this.clientSecret,
				registration + "authorization-grant-type", "client_credentials", registration + "scope",
				"events:replay,ops:read", "spring.security.oauth2.client.provider.virtdevice.token-uri", tokenUri());
	}

	/** Every token it has issued, oldest first. */
	public List<String> issuedTokens() {
		return List.copyOf(this.issued);
	}

	/** The token requests it received. */
	public List<RecordedRequest> tokenRequests() {
		return this.http.requests(TOKEN_PATH);
	}

	/** Whether a token is one it signed and has not yet expired. */
	public boolean isValid(@Nullable String token) {
		if (token == null) {
			return false;
		}
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			return jwt.verify(new RSASSAVerifier(this.key.toRSAPublicKey()))
					&& jwt.getJWTClaimsSet().getExpirationTime().toInstant().isAfter(Instant.now());
		}
		catch (ParseException | JOSEException ex) {
			return false;
		}
	}

	/** A token it signs for any claims (with its issuer and key), for bad-token tests. */
	public String sign(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.http.close();
	}

	private Response token(RecordedRequest request) {
		Map<String, String> form = request.form();
		if (this.refusing || !"client_credentials".equals(form.get("grant_type")) || !authenticated(request, form)) {
			return Response.json(401, "{\"error\":\"invalid_client\"}");
		}
		Instant now = Instant.now();
		Duration lifetime = this.lifetime;
		String scope = form.getOrDefault("scope", "events:replay ops:read");
		String token = sign(new JWTClaimsSet.Builder().issuer(issuer())
			.subject(this.clientId)
			.claim("tenant", "system")
			.claim("scope", scope)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(lifetime)))
			.build());
		this.issued.add(token);
		return Response.json(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
				+ lifetime.toSeconds() + ",\"scope\":\"" + scope + "\"}");
	}

	private boolean authenticated(RecordedRequest request, Map<String, String> form) {
		String authorization = request.header("Authorization");
		if (authorization != null && authorization.startsWith("Basic ")) {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
			return decoded.equals(urlEncoded(this.clientId) + ":" + urlEncoded(this.clientSecret));
		}
		return this.clientId.equals(form.get("client_id")) && this.clientSecret.equals(form.get("client_secret"));
	}

	private static String urlEncoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
