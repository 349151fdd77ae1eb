package com.virtdevice.alexa.grant;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.virtdevice.support.crypto.AesGcm;

/**
 * Encrypts tokens at rest with AES-GCM (service-support's {@link AesGcm}, as the
 * publisher's webhook secrets): a fresh 96-bit nonce per value, the owner — tenant and
 * user — as associated data (a ciphertext copied to another user's row, or to the same
 * user id's row in another tenant, does not decrypt), and a key id stored beside each row
 * so that a changed key is noticed rather than misread.
 * <p>
 * Rows written before the tenant was bound in carry the user id alone as associated data;
 * {@link #decryptBoundToUserOnly} reads them once, so they can be encrypted again.
 */
final class TokenCipher {

	private final AesGcm aes;

	TokenCipher(byte[] key) {
		try {
			this.aes = new AesGcm(key);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("virtdevice.alexa.token-encryption-key " + ex.getMessage());
		}
	}

	private TokenCipher(AesGcm aes) {
		this.aes = aes;
	}

	/** A cipher for a base64 key. */
	static TokenCipher fromBase64(String key) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(key.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"virtdevice.alexa.token-encryption-key is not a valid base64 AES key: " + ex.getMessage());
		}
		return new TokenCipher(bytes);
	}

	/** A cipher with a random key that lives as long as this process. */
	static TokenCipher ephemeral() {
		return new TokenCipher(AesGcm.randomKey());
	}

	/** A short, non-secret name of the key: the first bytes of its SHA-256. */
	String keyId() {
		return this.aes.keyId();
	}

	byte[] encrypt(String plaintext, String tenantId, String userId) {
		return this.aes.seal(plaintext, owner(tenantId, userId));
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
		try {
			return this.aes.open(stored, associatedData);
		}
		catch (AesGcm.NotOpened ex) {
			throw new UnreadableToken("stored token " + ex.getMessage() + " (configured key " + keyId() + ")");
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

	@Override
	public String toString() {
		return "TokenCipher[keyId=" + this.aes.keyId() + "]";
	}

	/** A stored token that cannot be decrypted. */
	static final class UnreadableToken extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnreadableToken(String message) {
			super(message);
		}

	}

}
