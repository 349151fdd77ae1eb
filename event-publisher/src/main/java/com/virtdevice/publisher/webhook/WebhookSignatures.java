package com.virtdevice.publisher.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Secrets and signatures of webhook calls, in the manner of Stripe and Svix:
 * {@code X-VirtDevice-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>} over
 * {@code <t>.<delivery id>.<raw body>}, with the delivery id in
 * {@code X-VirtDevice-Delivery}. Signing the time lets a captured call be refused once it
 * is old; signing the delivery id makes it the call's idempotency key, so a sender can
 * repeat a value (ON, OFF, ON) with new ids and retry one delivery with the same id.
 */
final class WebhookSignatures {

	static final String HEADER = "X-VirtDevice-Signature";

	static final String DELIVERY_HEADER = "X-VirtDevice-Delivery";

	/** No dot, so {@code t.id.body} splits one way only. */
	static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9_:-]{1,128}");

	private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

	private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private WebhookSignatures() {
	}

	static String newSecret() {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	/** The {@code X-VirtDevice-Signature} value of a call. */
	static String sign(String secret, long timestamp, String deliveryId, byte[] body) {
		return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp, deliveryId, body));
	}

	/**
	 * Reads a signature header: one {@code t=} and one or more {@code v1=} (several while
	 * a sender rotates secrets); unknown schemes are ignored.
	 * @throws InvalidSignature if it is missing, in the old {@code sha256=} format, or
	 * malformed
	 */
	static Signature parse(@Nullable String header) {
		if (header == null || header.isBlank()) {
			throw InvalidSignature.missing();
		}
		if (header.strip().toLowerCase(Locale.ROOT).startsWith("sha256=")) {
			throw InvalidSignature.oldFormat();
		}
		Long timestamp = null;
		List<byte[]> signatures = new ArrayList<>();
		for (String part : header.split(",", 20)) {
			String element = part.strip();
			if (element.startsWith("t=") && timestamp == null && TIMESTAMP.matcher(element.substring(2)).matches()) {
				timestamp = Long.parseLong(element.substring(2));
			}
			else if (element.startsWith("v1=") && HEX_SHA256.matcher(element.substring(3)).matches()) {
				signatures.add(HexFormat.of().parseHex(element.substring(3)));
			}
			else if (element.startsWith("t=") || element.startsWith("v1=")) {
				throw InvalidSignature.malformed();
			}
		}
		if (timestamp == null || signatures.isEmpty()) {
			throw InvalidSignature.malformed();
		}
		return new Signature(timestamp, List.copyOf(signatures));
	}

	private static byte[] hmac(String secret, long timestamp, String deliveryId, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + "." + deliveryId + ".").getBytes(StandardCharsets.US_ASCII));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A parsed {@code X-VirtDevice-Signature}.
	 *
	 * @param timestamp when the sender signed, in Unix seconds
	 * @param v1 the HMAC-SHA256 values given
	 */
	record Signature(long timestamp, List<byte[]> v1) {

		/**
		 * Compares in constant time, so response timing reveals nothing about the secret.
		 */
		boolean isValid(String secret, String deliveryId, byte[] body) {
			byte[] expected = hmac(secret, this.timestamp, deliveryId, body);
			boolean valid = false;
			for (byte[] given : this.v1) {
				valid |= MessageDigest.isEqual(expected, given);
			}
			return valid;
		}

	}

}
