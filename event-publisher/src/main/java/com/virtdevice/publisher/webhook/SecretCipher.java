package com.virtdevice.publisher.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts webhook secrets at rest with AES-GCM, as alexa-subscriber's
 * {@code TokenCipher} does the Alexa tokens: a fresh 96-bit nonce per value, the webhook
 * id as associated data (a ciphertext copied to another webhook's row does not decrypt),
 * and a key id stored beside each row so that a changed key is noticed rather than
 * misread.
 */
final class SecretCipher {

	static final String PROPERTY = "virtdevice.publisher.webhook.secret-key";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final String keyId;

	private final SecureRandom random = new SecureRandom();

	SecretCipher(byte[] key) {
		if (key.length != 16 && key.length != 24 && key.length != 32) {
			throw new IllegalArgumentException(PROPERTY + " must be 16, 24 or 32 bytes (base64), was " + key.length);
		}
		this.key = new SecretKeySpec(key, "AES");
		this.keyId = fingerprint(key);
	}

	/** A cipher for a base64 key. */
	static SecretCipher fromBase64(String key) {
		try {
			return new SecretCipher(Base64.getDecoder().decode(key.trim()));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(PROPERTY + " is not a valid base64 AES key: " + ex.getMessage());
		}
	}

	/** A cipher with a random key that lives as long as this process. */
	static SecretCipher ephemeral() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return new SecretCipher(key);
	}

	/** A short, non-secret name of the key: the first bytes of its SHA-256. */
	String keyId() {
		return this.keyId;
	}

	byte[] encrypt(String secret, String webhookId) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(webhookId.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[NONCE_BYTES + sealed.length];
			System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
			System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
			return out;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	/**
	 * @throws UnreadableSecret if the value was encrypted with another key or for another
	 * webhook, or was tampered with
	 */
	String decrypt(byte[] stored, String webhookId) {
		if (stored.length <= NONCE_BYTES) {
			throw new UnreadableSecret("stored secret is too short");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
			cipher.updateAAD(webhookId.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new UnreadableSecret("stored secret does not decrypt with the configured key for this webhook");
		}
	}

	private static String fingerprint(byte[] key) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "SecretCipher[keyId=" + this.keyId + "]";
	}

	/** A stored secret that cannot be decrypted. */
	static final class UnreadableSecret extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnreadableSecret(String message) {
			super(message);
		}

	}

}
