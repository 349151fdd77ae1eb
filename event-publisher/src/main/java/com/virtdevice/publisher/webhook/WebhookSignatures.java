package com.virtdevice.publisher.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Secrets and signatures of webhooks: {@code sha256=<hex HMAC-SHA256(secret, raw body)>}.
 */
final class WebhookSignatures {

	static final String HEADER = "X-VirtDevice-Signature";

	private static final String PREFIX = "sha256=";

	private static final SecureRandom RANDOM = new SecureRandom();

	private WebhookSignatures() {
	}

	static String newSecret() {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	static String sign(String secret, byte[] body) {
		return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
	}

	/** Compares in constant time, so response timing reveals nothing about the secret. */
	static boolean isValid(String secret, byte[] body, @Nullable String signature) {
		if (signature == null || !signature.startsWith(PREFIX)) {
			return false;
		}
		byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
		byte[] given = signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, given);
	}

	private static byte[] hmac(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
