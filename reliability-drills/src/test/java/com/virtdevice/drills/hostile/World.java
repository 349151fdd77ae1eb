package com.virtdevice.drills.hostile;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;

/**
 * Who lives in the hub the suites attack: Alice in tenant A (the victim, with a device
 * and a webhook), Mallory in tenant B (the attacker, with her own device and webhook),
 * and a second "alice" in tenant B, whose user id equals the victim's.
 */
final class World {

	static final String VICTIM = "alice";

	static final String VICTIM_TENANT = "tenant-a";

	static final String ATTACKER = "mallory";

	static final String ATTACKER_TENANT = "tenant-b";

	final String victimToken;

	final String victimDevice;

	final String victimWebhook;

	final String victimWebhookSecret;

	final String attackerToken;

	final String attackerDevice;

	final String attackerWebhook;

	/** The user id "alice" in the attacker's tenant. */
	final String twinToken;

	World(Hub hub) {
		this.victimToken = hub.token(VICTIM, VICTIM_TENANT, Hub.ALL_USER_SCOPES);
		this.victimDevice = hub.createDevice(this.victimToken, "Alice lamp",
				"{\"powerState\":\"OFF\",\"brightness\":\"30\"}");
		JsonNode hook = hub.call("POST", hub.url("event-publisher") + "/api/devices/" + this.victimDevice + "/webhooks",
				this.victimToken, null);
		this.victimWebhook = hook.path("id").asString();
		this.victimWebhookSecret = hook.path("secret").asString();
		this.attackerToken = hub.token(ATTACKER, ATTACKER_TENANT, Hub.ALL_USER_SCOPES);
		this.attackerDevice = hub.createDevice(this.attackerToken, "Mallory lamp",
				"{\"powerState\":\"OFF\",\"brightness\":\"30\"}");
		this.attackerWebhook = hub
			.call("POST", hub.url("event-publisher") + "/api/devices/" + this.attackerDevice + "/webhooks",
					this.attackerToken, null)
			.path("id")
			.asString();
		this.twinToken = hub.token(VICTIM, ATTACKER_TENANT, Hub.ALL_USER_SCOPES);
	}

	/**
	 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.deliveryId.body">}, as
	 * docs/event-publisher.md tells senders to sign.
	 */
	static String signature(String secret, long timestamp, String deliveryId, byte[] body) {
		byte[] signed = (timestamp + "." + deliveryId + ".").getBytes(StandardCharsets.US_ASCII);
		return "t=" + timestamp + ",v1=" + hmac(secret, signed, body);
	}

	/** The format before timestamps: {@code sha256=<hex HMAC-SHA256 of the body>}. */
	static String oldSignature(String secret, byte[] body) {
		return "sha256=" + hmac(secret, new byte[0], body);
	}

	private static String hmac(String secret, byte[] prefix, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update(prefix);
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
