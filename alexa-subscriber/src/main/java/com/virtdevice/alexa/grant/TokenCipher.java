package com.virtdevice.alexa.grant;

import java.nio.ByteBuffer;
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
 * Encrypts tokens at rest with AES-GCM: a fresh 96-bit nonce per value, the owner —
 * tenant and user — as associated data (a ciphertext copied to another user's row, or to
 * the same user id's row in another tenant, does not decrypt), and a key id stored beside
 * each row so that a changed key is noticed rather than misread.
 * <p>
 * Rows written before the tenant was bound in carry the user id alone as associated data;
 * {@link #decryptBoundToUserOnly} reads them once, so they can be encrypted again.
 */
final class TokenCipher {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final String keyId;

	private final SecureRandom random = new SecureRandom();

	TokenCipher(byte[] key) {
		if (key.length != 16 && key.length != 24 && key.length != 32) {
			throw new IllegalArgumentException(
					"virtdevice.alexa.token-encryption-key must be 16, 24 or 32 bytes (base64), was " + key.length);
		}
		this.key = new SecretKeySpec(key, "AES");
		this.keyId = fingerprint(key);
	}

	/** A cipher for a base64 key. */
	static TokenCipher fromBase64(String key) {
		try {
			return new TokenCipher(Base64.getDecoder().decode(key.trim()));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"virtdevice.alexa.token-encryption-key is not a valid base64 AES key: " + ex.getMessage());
		}
	}

	/** A cipher with a random key that lives as long as this process. */
	static TokenCipher ephemeral() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return new TokenCipher(key);
	}

	/** A short, non-secret name of the key: the first bytes of its SHA-256. */
	String keyId() {
		return this.keyId;
	}

	byte[] encrypt(String plaintext, String tenantId, String userId) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(owner(tenantId, userId));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
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
	 * @throws UnreadableToken if the value was encrypted with another key or for another
	 * owner, or was tampered with
	 */
	String decrypt(byte[] stored, String tenantId, String userId) {
		return open(stored, owner(tenantId, userId));
	}

	/**
	 * Reads a value written before the tenant was bound in: the user id alone was the
	 * associated data. Only to encrypt it again for its owner.
	 * @throws UnreadableToken as {@link #decrypt}
	 */
	String decryptBoundToUserOnly(byte[] stored, String userId) {
		return open(stored, userId.getBytes(StandardCharsets.UTF_8));
	}

	private String open(byte[] stored, byte[] associatedData) {
		if (stored.length <= NONCE_BYTES) {
			throw new UnreadableToken("stored token is too short");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
			cipher.updateAAD(associatedData);
			return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new UnreadableToken("stored token does not decrypt with the configured key");
		}
	}

	/**
	 * The associated data naming an owner: the tenant's length, the tenant, the user — so
	 * that no two (tenant, user) pairs give the same bytes, and none gives the bytes of a
	 * user id alone: the prefix starts with a zero byte, which no PostgreSQL text holds.
	 */
	private static byte[] owner(String tenantId, String userId) {
		byte[] tenant = tenantId.getBytes(StandardCharsets.UTF_8);
		byte[] user = userId.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(4 + tenant.length + user.length).putInt(tenant.length).put(tenant).put(user).array();
	}

	private static String fingerprint(byte[] key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "TokenCipher[keyId=" + this.keyId + "]";
	}

	/** A stored token that cannot be decrypted. */
	static final class UnreadableToken extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnreadableToken(String message) {
			super(message);
		}

	}

}
