package com.virtdevice.ifttt.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.virtdevice.ifttt.IftttProperties;
import com.virtdevice.ifttt.realtime.RealtimeHeaders;
import com.virtdevice.support.security.DevSignInGuard;
import com.virtdevice.support.security.HubPrincipal;
import com.virtdevice.support.security.JwtProperties;
import com.virtdevice.support.security.Scopes;
import com.virtdevice.support.security.TokenIssuers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * IFTTT's endpoint tests begin here: they ask for a token of a test user and sample
 * trigger fields, then poll the trigger with them. Off unless configured
 * ({@code virtdevice.ifttt.test-setup.*}); then 404 like any endpoint the service lacks.
 * The token is the configured one; only where the dev sign-in is enabled (the local
 * stack) is one signed here, with issuer {@link TokenIssuers#IFTTT_TEST_SETUP}, which
 * services accept only there.
 */
@RestController
@Tag(name = "IFTTT service")
class TestSetupController {

	private final ServiceKey serviceKey;

	private final IftttProperties.TestSetup setup;

	private final JwtProperties jwt;

	TestSetupController(ServiceKey serviceKey, IftttProperties properties, JwtProperties jwt) {
		this.serviceKey = serviceKey;
		this.setup = properties.testSetup();
		this.jwt = jwt;
	}

	@PostMapping(path = IftttPaths.TEST_SETUP, produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "A test user's token and sample trigger fields for IFTTT's endpoint tests",
			security = @SecurityRequirement(name = "serviceKey"))
	TestSetupResponse setUp(@Parameter(hidden = true) @RequestHeader(name = RealtimeHeaders.SERVICE_KEY,
			required = false) @Nullable String key) {
		this.serviceKey.require(key);
		if (!this.setup.enabled() || this.setup.userId() == null) {
			throw new UnknownEndpoint("Test setup is not enabled on this service");
		}
		Map<String, String> fields = new LinkedHashMap<>();
		if (this.setup.deviceId() != null) {
			fields.put(TriggerRequest.DEVICE_ID_FIELD, this.setup.deviceId());
		}
		if (this.setup.property() != null) {
			fields.put(TriggerRequest.PROPERTY_FIELD, this.setup.property());
		}
		return new TestSetupResponse(new TestSetupResponse.Data(accessToken(this.setup.userId()),
				Map.of("triggers", Map.of(IftttPaths.DEVICE_PROPERTY_CHANGED, fields))));
	}

	private String accessToken(String userId) {
		if (this.setup.accessToken() != null && !this.setup.accessToken().isBlank()) {
			return this.setup.accessToken();
		}
		if (!this.jwt.hasSecret() || !this.jwt.devSignIn().enabled()) {
			throw new ServiceUnavailable("No test token: set virtdevice.ifttt.test-setup.access-token (signing one "
					+ "here needs " + DevSignInGuard.ENABLED_PROPERTY + "=true, for the local stack only)");
		}
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(TokenIssuers.IFTTT_TEST_SETUP)
			.subject(userId)
			.claim(HubPrincipal.TENANT_CLAIM, this.setup.tenantId())
			.claim("scope", String.join(" ", Scopes.DEVICES_READ, Scopes.DEVICES_WRITE, Scopes.EVENTS_READ))
			.issuedAt(now)
			.expiresAt(now.plus(this.setup.tokenLifetime()));
		if (!this.jwt.audiences().isEmpty()) {
			claims.audience(this.jwt.audiences());
		}
		SecretKeySpec key = new SecretKeySpec(String.valueOf(this.jwt.secret()).getBytes(StandardCharsets.UTF_8),
				"HmacSHA256");
		return NimbusJwtEncoder.withSecretKey(key)
			.build()
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
	}

	/**
	 * IFTTT's {@code TestSetupResponse}.
	 *
	 * @param data the test data
	 */
	record TestSetupResponse(Data data) {

		/**
		 * @param accessToken a token of the test user
		 * @param samples sample trigger fields, by trigger
		 */
		@Schema(name = "TestSetupData")
		record Data(String accessToken, Map<String, Map<String, Map<String, String>>> samples) {

		}

	}

}
