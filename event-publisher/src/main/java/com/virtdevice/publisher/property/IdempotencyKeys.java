package com.virtdevice.publisher.property;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import com.virtdevice.publisher.device.InvalidDeviceRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Remembers the first response to each {@code Idempotency-Key} (per caller) so a retried
 * request gets it again and changes nothing. The key is claimed in the same transaction
 * as the change: a concurrent retry waits for it, a failed attempt leaves no trace.
 */
@Repository
public class IdempotencyKeys {

	private static final int MAX_KEY_LENGTH = 255;

	private final JdbcClient jdbc;

	IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims the key for this request, or returns the response stored for it.
	 * @throws IdempotencyKeyReused if the key was used for a different request
	 */
	public Optional<String> claim(String scope, String key, String request) {
		if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch((c) -> c > 32 && c < 127)) {
			throw new InvalidDeviceRequest("Idempotency-Key must be 1-255 printable ASCII characters");
		}
		String hash = sha256(request);
		int claimed = this.jdbc
			.sql("INSERT INTO publisher.idempotency_keys (scope, key, request_hash, status, response) "
					+ "VALUES (?, ?, ?, 0, '') ON CONFLICT DO NOTHING")
			.params(scope, key, hash)
			.update();
		if (claimed == 1) {
			return Optional.empty();
		}
		Stored stored = this.jdbc
			.sql("SELECT request_hash, response FROM publisher.idempotency_keys WHERE scope = ? AND key = ?")
			.params(scope, key)
			.query(Stored.class)
			.single();
		if (!stored.requestHash().equals(hash)) {
			throw new IdempotencyKeyReused();
		}
		return Optional.of(stored.response());
	}

	/** Stores the response for a claimed key. */
	public void complete(String scope, String key, String response) {
		this.jdbc.sql("UPDATE publisher.idempotency_keys SET status = 200, response = ? WHERE scope = ? AND key = ?")
			.params(response, scope, key)
			.update();
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Stored(String requestHash, @Nullable String response) {
	}

}
