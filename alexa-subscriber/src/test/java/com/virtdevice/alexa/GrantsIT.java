package com.virtdevice.alexa;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.virtdevice.alexa.grant.Region;
import com.virtdevice.alexa.grant.TokenBindingUpgrade;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/** Linking Alexa, and keeping its tokens fresh. */
@ExtendWith(OutputCaptureExtension.class)
class GrantsIT extends AlexaServiceHarness {

	@Autowired
	TokenBindingUpgrade tokenBindingUpgrade;

	@Test
	void linkingExchangesTheCodeAndKeepsTheTokensEncrypted() {
		String user = unique("user");

		HttpResponse<String> linked = call("POST", "/api/alexa/grants", userToken(user),
				"{\"code\":\"" + codeOf(user) + "\",\"region\":\"EU\"}");

		assertThat(linked.statusCode()).isEqualTo(201);
		assertThat(json(linked.body()).path("linked").asBoolean()).isTrue();
		assertThat(json(linked.body()).path("region").asString()).isEqualTo("EU");
		Map<String, String> form = lwa.forms()
			.stream()
			.filter((sent) -> codeOf(user).equals(sent.get("code")))
			.findFirst()
			.orElseThrow();
		assertThat(form).containsEntry("grant_type", "authorization_code")
			.containsEntry("client_id", "amzn1.application-oa2-client.test")
			.containsEntry("client_secret", "test-client-secret");
		assertThat(lwa.http().requests(FakeLwa.PATH).get(0).header("Content-Type"))
			.startsWith("application/x-www-form-urlencoded");
		byte[] stored = this.jdbc.sql("select access_token from grants where user_id = :user")
			.param("user", user)
			.query(byte[].class)
			.single();
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Atza|");
		HttpResponse<String> me = call("GET", "/api/alexa/grants/me", userToken(user), null);
		assertThat(json(me.body()).path("linked").asBoolean()).isTrue();
		assertThat(json(me.body()).path("region").asString()).isEqualTo("EU");
	}

	@Test
	void theSameUserIdInAnotherTenantNeitherReplacesNorUnlinksNorUsesTheLink() {
		String user = unique("user");
		link(user, Region.NA);
		String twin = TestTokens.forUser(user, "another-tenant").scopes("devices:read", "devices:write").sign();
		assertThat(json(call("GET", "/api/alexa/grants/me", twin, null).body()).path("linked").asBoolean()).isFalse();

		assertThat(call("POST", "/api/alexa/grants", twin, "{\"code\":\"" + codeOf(user) + "-twin\",\"region\":\"FE\"}")
			.statusCode()).isEqualTo(201);
		assertThat(call("DELETE", "/api/alexa/grants/me", twin, null).statusCode()).isEqualTo(204);

		JsonNode mine = json(call("GET", "/api/alexa/grants/me", userToken(user), null).body());
		assertThat(mine.path("linked").asBoolean()).isTrue();
		assertThat(mine.path("region").asString()).isEqualTo("NA");
		String plug = device(user, Map.of("powerState", "OFF"));
		publisher.change(plug, "powerState", "ON", ChangeSource.WEB);
		awaitReports(na, plug, 1);
		assertThat(fe.reportsOf(plug)).isEmpty();
	}

	/**
	 * Issue 16: the tokens were bound to the user id alone, so ciphertexts copied to the
	 * same user id's row in another tenant decrypted there and reported with the first
	 * tenant's Alexa account.
	 */
	@Test
	void tokensCopiedToTheSameUserIdInAnotherTenantDoNotDecrypt() {
		String user = unique("user");
		link(user, Region.NA);
		String twin = TestTokens.forUser(user, "another-tenant").scopes("devices:read", "devices:write").sign();
		assertThat(call("POST", "/api/alexa/grants", twin, "{\"code\":\"twin-" + user + "\",\"region\":\"NA\"}")
			.statusCode()).isEqualTo(201);
		String twinPlug = unique("dev");
		publisher.device(twinPlug, user, "another-tenant", "Twin plug", "LIGHT", Map.of("powerState", "OFF"));
		this.jdbc.sql("""
				update grants set (access_token, refresh_token) =
				    (select access_token, refresh_token from grants where user_id = :user and tenant_id = :tenant)
				where user_id = :user and tenant_id = 'another-tenant'""")
			.param("user", user)
			.param("tenant", TENANT)
			.update();

		publisher.change(twinPlug, "powerState", "ON", ChangeSource.WEB);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc
				.sql("select unlink_reason from grants where user_id = :user and tenant_id = 'another-tenant'")
				.param("user", user)
				.query(String.class)
				.optional()
				.orElse("")
				.contains("unreadable"));
		assertThat(na.reportsOf(twinPlug)).isEmpty();
		assertThat(json(call("GET", "/api/alexa/grants/me", userToken(user), null).body()).path("linked").asBoolean())
			.isTrue();
	}

	/**
	 * Issue 17: an instance started without its peers' token-encryption-key must not
	 * unlink the grants it cannot read (one bad deploy would unlink every user). It skips
	 * them, reports DOWN, and refuses to start.
	 */
	@Test
	void grantsOfAnotherKeyAreNeverUnlinkedAndAnInstanceWithoutThatKeyRefusesToStart() {
		String user = unique("user");
		link(user, Region.NA);
		String ownKey = storedKeyId(user);
		// as an instance with another key would have written it
		setStoredKeyId(user, "peer-key-0000000");
		try {
			String plug = device(user, Map.of("powerState", "OFF"));
			publisher.change(plug, "powerState", "ON", ChangeSource.WEB);

			await().atMost(Duration.ofSeconds(30))
				.until(() -> grantKeysHealth().path("details").path("unreadableReadsSinceStart").asLong() > 0);
			assertThat(grantKeysHealth().path("status").asString()).isEqualTo("DOWN");
			assertThat(grantKeysHealth().path("details").path("linkedGrantsOfOtherKeys").asLong()).isEqualTo(1);
			assertThat(na.reportsOf(plug)).isEmpty();
			Map<String, Object> row = this.jdbc.sql("""
					select linked, access_token is not null and refresh_token is not null as tokens_kept,
					       coalesce(unlink_reason, '') as unlink_reason
					from grants where user_id = :user and tenant_id = :tenant""")
				.param("user", user)
				.param("tenant", TENANT)
				.query()
				.singleRow();
			assertThat(row).containsEntry("linked", true)
				.containsEntry("tokens_kept", true)
				.containsEntry("unlink_reason", "");
			assertThatIllegalStateException().isThrownBy(this.tokenBindingUpgrade::afterPropertiesSet)
				.withMessageContaining("virtdevice.alexa.token-encryption-key")
				.withMessageContaining("peer-key-0000000")
				.withMessageContaining("Nothing was changed");
		}
		finally {
			setStoredKeyId(user, ownKey);
		}
		assertThat(grantKeysHealth().path("status").asString()).isEqualTo("UP");
	}

	private String storedKeyId(String user) {
		return this.jdbc.sql("select key_id from grants where user_id = :user and tenant_id = :tenant")
			.param("user", user)
			.param("tenant", TENANT)
			.query(String.class)
			.single();
	}

	private void setStoredKeyId(String user, String keyId) {
		this.jdbc.sql("update grants set key_id = :keyId where user_id = :user and tenant_id = :tenant")
			.param("keyId", keyId)
			.param("user", user)
			.param("tenant", TENANT)
			.update();
	}

	private JsonNode grantKeysHealth() {
		return json(call("GET", "/actuator/health", null, null).body()).path("components").path("grantKeys");
	}

	/**
	 * Grants stored before the tokens were bound to the tenant keep working: the start-up
	 * upgrade encrypts them again, and nobody is unlinked by the change.
	 */
	@Test
	void grantsStoredBoundToTheUserAloneAreBoundToTheirTenantAndStayLinked() throws Exception {
		String user = unique("user");
		String keyId = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(ENCRYPTION_KEY)), 0, 8);
		this.jdbc
			.sql("""
					insert into grants (user_id, tenant_id, region, linked, access_token, refresh_token, key_id, token_binding,
					                    access_token_expires_at, linked_at)
					values (:user, :tenant, 'NA', true, :access, :refresh, :keyId, 1, now() + interval '1 hour', now())""")
			.param("user", user)
			.param("tenant", TENANT)
			.param("access", sealedForUserOnly("Atza|legacy-" + user + "|1", user))
			.param("refresh", sealedForUserOnly("Atzr|legacy-" + user + "|1", user))
			.param("keyId", keyId)
			.update();
		String plug = device(user, Map.of("powerState", "OFF"));

		assertThat(this.tokenBindingUpgrade.run()).isGreaterThanOrEqualTo(1);

		assertThat(this.jdbc.sql("select token_binding from grants where user_id = :user")
			.param("user", user)
			.query(Integer.class)
			.single()).isEqualTo(2);
		publisher.change(plug, "powerState", "ON", ChangeSource.WEB);
		assertThat(awaitReports(na, plug, 1).get(0).header("Authorization"))
			.isEqualTo("Bearer Atza|legacy-" + user + "|1");
		assertThat(json(call("GET", "/api/alexa/grants/me", userToken(user), null).body()).path("linked").asBoolean())
			.isTrue();
	}

	/**
	 * AES-GCM as the service wrote it before V3: the user id alone as associated data.
	 */
	private static byte[] sealedForUserOnly(String token, String userId) throws Exception {
		byte[] nonce = new byte[12];
		new SecureRandom().nextBytes(nonce);
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(ENCRYPTION_KEY), "AES"),
				new GCMParameterSpec(128, nonce));
		cipher.updateAAD(userId.getBytes(StandardCharsets.UTF_8));
		byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
	}

	@Test
	void aRefusedCodeIsABadRequestAndLinksNothing() {
		String user = unique("user");

		HttpResponse<String> refused = call("POST", "/api/alexa/grants", userToken(user),
				"{\"code\":\"refused-code\",\"region\":\"NA\"}");

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("invalid_grant").doesNotContain("refused-code");
		assertThat(json(call("GET", "/api/alexa/grants/me", userToken(user), null).body()).path("linked").asBoolean())
			.isFalse();
	}

	@Test
	void refusesRequestsWithoutATokenOrWithABadBody() {
		assertThat(call("GET", "/api/alexa/grants/me", null, null).statusCode()).isEqualTo(401);
		assertThat(call("POST", "/api/alexa/grants", null, "{\"code\":\"c\",\"region\":\"NA\"}").statusCode())
			.isEqualTo(401);
		String token = userToken(unique("user"));
		assertThat(call("POST", "/api/alexa/grants", token, "{\"code\":\"c\",\"region\":\"MARS\"}").statusCode())
			.isEqualTo(400);
		assertThat(call("POST", "/api/alexa/grants", token, "{\"code\":\"\",\"region\":\"NA\"}").statusCode())
			.isEqualTo(400);
		assertThat(call("POST", "/api/alexa/grants", token, "{\"code\":\"c\"}").statusCode()).isEqualTo(400);
	}

	@Test
	void unlinkingForgetsTheTokensAndStopsReports() {
		String user = unique("user");
		link(user, Region.NA);
		String plug = device(user, Map.of("powerState", "OFF"));

		assertThat(call("DELETE", "/api/alexa/grants/me", userToken(user), null).statusCode()).isEqualTo(204);

		assertThat(json(call("GET", "/api/alexa/grants/me", userToken(user), null).body()).path("linked").asBoolean())
			.isFalse();
		Map<String, Object> row = this.jdbc
			.sql("select access_token, refresh_token, unlink_reason from grants where user_id = :user")
			.param("user", user)
			.query()
			.singleRow();
		assertThat(row.get("access_token")).isNull();
		assertThat(row.get("refresh_token")).isNull();
		assertThat(row.get("unlink_reason")).isEqualTo("unlinked by the user");
		double notLinked = count("virtdevice.alexa.events.skipped", "reason", "not_linked");
		publisher.change(plug, "powerState", "ON", ChangeSource.WEB);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> count("virtdevice.alexa.events.skipped", "reason", "not_linked") > notLinked);
		assertThat(na.reportsOf(plug)).isEmpty();
	}

	@Test
	void aTokenCloseToExpiryIsRefreshedOnceAheadOfUseAndTheNewRefreshTokenKept(CapturedOutput output) {
		String user = unique("user");
		lwa.expiresIn(codeOf(user), 120);
		link(user, Region.NA);
		List<String> devices = List.of(device(user, Map.of("powerState", "OFF")),
				device(user, Map.of("powerState", "OFF")), device(user, Map.of("powerState", "OFF")));

		devices.forEach((id) -> publisher.change(id, "powerState", "ON", ChangeSource.WEB));

		devices.forEach((id) -> awaitReports(na, id, 1));
		List<Map<String, String>> refreshes = lwa.refreshesOf(codeOf(user));
		assertThat(refreshes).hasSize(1);
		assertThat(refreshes.get(0)).containsEntry("client_id", "amzn1.application-oa2-client.test")
			.containsEntry("client_secret", "test-client-secret");
		String atLink = lwa.accessTokensOf(codeOf(user)).get(0);
		String refreshed = lwa.accessTokensOf(codeOf(user)).get(1);
		assertThat(refreshes.get(0).get("refresh_token")).isEqualTo(atLink.replace("Atza|", "Atzr|"));
		devices.forEach(
				(id) -> assertThat(na.reportsOf(id).get(0).header("Authorization")).isEqualTo("Bearer " + refreshed));

		// The gateway refuses the refreshed token: the next refresh must use the refresh
		// token LWA returned.
		na.script(codeOf(user), FakeGateway.error(401, "INVALID_ACCESS_TOKEN_EXCEPTION"));
		publisher.change(devices.get(0), "powerState", "OFF", ChangeSource.WEB);
		awaitReports(na, devices.get(0), 3);
		List<Map<String, String>> again = lwa.refreshesOf(codeOf(user));
		assertThat(again).hasSize(2);
		assertThat(again.get(1).get("refresh_token")).isEqualTo(refreshed.replace("Atza|", "Atzr|"));
		assertThat(output.getAll()).contains("Refreshed the Alexa access token of user " + user)
			.doesNotContain("Atza|")
			.doesNotContain("Atzr|")
			.doesNotContain("test-client-secret");
	}

	@Test
	void aRevokedRefreshTokenUnlinksTheUser() {
		String user = unique("user");
		lwa.expiresIn(codeOf(user), 60);
		link(user, Region.NA);
		lwa.revoke(codeOf(user));
		String plug = device(user, Map.of("powerState", "OFF"));

		publisher.change(plug, "powerState", "ON", ChangeSource.WEB);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> !json(call("GET", "/api/alexa/grants/me", userToken(user), null).body()).path("linked")
				.asBoolean());
		assertThat(na.reportsOf(plug)).isEmpty();
		assertThat(this.jdbc.sql("select unlink_reason from grants where user_id = :user")
			.param("user", user)
			.query(String.class)
			.single()).contains("invalid_grant");
	}

}
