package com.virtdevice.publisher.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.virtdevice.support.crypto.AesGcm;

/**
 * Encrypts webhook secrets at rest with AES-GCM ({@link AesGcm}, as alexa-subscriber's
 * {@code TokenCipher} does the Alexa tokens): a fresh 96-bit nonce per value, the webhook
 * id as associated data (a ciphertext copied to another webhook's row does not decrypt),
 * and a key id stored beside each row so that a changed key is noticed rather than
 * misread.
 */
final class SecretCipher {

	static final String PROPERTY = "virtdevice.publisher.webhook.secret-key";

	private final AesGcm key;

	SecretCipher(byte[] key) {
		try {
			this.key = new AesGcm(key);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(PROPERTY + " " + ex.getMessage());
		}
	}

	/** A cipher for a base64 key. */
	static SecretCipher fromBase64(String key) {
		byte[] decoded;
		try {
			decoded = Base64.getDecoder().decode(key.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(PROPERTY + " is not a valid base64 AES key: " + ex.getMessage());
		}
		return new SecretCipher(decoded);
	}

	/** A cipher with a random key that lives as long as this process. */
	static SecretCipher ephemeral() {
		return new SecretCipher(AesGcm.randomKey());
	}

	private SecretCipher(AesGcm key) {
		this.key = key;
	}

	/** A short, non-secret name of the key: the first bytes of its SHA-256. */
	String keyId() {
		return this.key.keyId();
	}

	byte[] encrypt(String secret, String webhookId) {
		return this.key.seal(secret, webhookId.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @throws UnreadableSecret if the value was encrypted with another key or for another
	 * webhook, or was tampered with
	 */
	String decrypt(byte[] stored, String webhookId) {
		try {
			return this.key.open(stored, webhookId.getBytes(StandardCharsets.UTF_8));
		}
		catch (AesGcm.NotOpened ex) {
			throw new UnreadableSecret(
					"stored secret " + ex.getMessage() + " with the configured key for this webhook");
		}
	}

	@Override
	public String toString() {
		return "SecretCipher[keyId=" + keyId() + "]";
	}

	/** A stored secret that cannot be decrypted. */
	static final class UnreadableSecret extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnreadableSecret(String message) {
			super(message);
		}

	}

}
