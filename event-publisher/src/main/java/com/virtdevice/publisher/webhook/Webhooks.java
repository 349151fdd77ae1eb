package com.virtdevice.publisher.webhook;

import java.util.Optional;

import com.virtdevice.publisher.webhook.SecretCipher.UnreadableSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Webhooks in {@code publisher.webhooks}, their secrets encrypted ({@link SecretCipher});
 * they go when their device goes.
 */
@Repository
class Webhooks {

	private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	Webhooks(JdbcClient jdbc, SecretCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	void add(Webhook webhook) {
		this.jdbc
			.sql("INSERT INTO publisher.webhooks (id, device_id, secret_ciphertext, secret_key_id) VALUES (?, ?, ?, ?)")
			.params(webhook.id(), webhook.deviceId(), this.cipher.encrypt(webhook.secret(), webhook.id()),
					this.cipher.keyId())
			.update();
	}

	/**
	 * The webhook with its secret, if it exists and its secret can be read: one stored
	 * under another key (or tampered with) is as good as absent, and logged.
	 */
	Optional<Webhook> find(String id) {
		return this.jdbc
			.sql("SELECT id, device_id, secret_ciphertext, secret_key_id FROM publisher.webhooks WHERE id = ?")
			.param(id)
			.query((row, number) -> new Stored(row.getString("id"), row.getString("device_id"),
					row.getBytes("secret_ciphertext"), row.getString("secret_key_id")))
			.optional()
			.flatMap(this::decrypted);
	}

	boolean remove(String deviceId, String id) {
		return this.jdbc.sql("DELETE FROM publisher.webhooks WHERE device_id = ? AND id = ?")
			.params(deviceId, id)
			.update() == 1;
	}

	private Optional<Webhook> decrypted(Stored stored) {
		if (!stored.keyId().equals(this.cipher.keyId())) {
			log.warn("Webhook {} has a secret encrypted with key {}, not the configured key {}: its calls are refused",
					stored.id(), stored.keyId(), this.cipher.keyId());
			return Optional.empty();
		}
		try {
			return Optional
				.of(new Webhook(stored.id(), stored.deviceId(), this.cipher.decrypt(stored.secret(), stored.id())));
		}
		catch (UnreadableSecret ex) {
			log.warn("Webhook {}: {}; its calls are refused", stored.id(), ex.getMessage());
			return Optional.empty();
		}
	}

	private record Stored(String id, String deviceId, byte[] secret, String keyId) {
	}

}
