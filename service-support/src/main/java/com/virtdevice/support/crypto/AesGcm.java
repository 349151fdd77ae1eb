package com.virtdevice.support.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with one key, for values stored at rest: a fresh 96-bit nonce per value, a
 * 128-bit tag, and associated data naming the value's owner, so that a ciphertext copied
 * to another owner's row does not open. Sealed values are
 * {@code nonce ‖ ciphertext ‖ tag}. The key's id — the first 8 bytes of its SHA-256, in
 * hex — is stored beside each value, so that a changed key is noticed rather than
 * misread. alexa-subscriber's tokens and event-publisher's webhook secrets are sealed
 * with it.
 */
public final class AesGcm {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom random = new SecureRandom();

	private final SecretKey key;

	private final String keyId;

	/**
	 * @throws IllegalArgumentException if the key is not 16, 24 or 32 bytes long
	 */
	public AesGcm(byte[] key) {
		if (key.length != 16 && key.length != 24 && key.length != 32) {
			throw new IllegalArgumentException("must be 16, 24 or 32 bytes (base64), was " + key.length);
		}
		this.key = new SecretKeySpec(key, "AES");
		this.keyId = fingerprint(key);
	}

	/** A random 256-bit key that lives as long as this process. */
	public static AesGcm randomKey() {
		byte[] key = new byte[32];
		random.nextBytes(key);
		return new AesGcm(key);
	}

	/** A short, non-secret name of the key: the first bytes of its SHA-256. */
	public String keyId() {
		return this.keyId;
	}

	public byte[] seal(String plaintext, byte[] associatedData) {
		byte[] nonce = new byte[NONCE_BYTES];
		random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData);
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
	 * @throws NotOpened if the value is too short, was sealed with another key or other
	 * associated data, or was tampered with
	 */
	public String open(byte[] sealed, byte[] associatedData) {
		if (sealed.length <= NONCE_BYTES) {
			throw new NotOpened("too short");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
			cipher.updateAAD(associatedData);
			return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new NotOpened("does not decrypt");
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
		return "AesGcm[keyId=" + this.keyId + "]";
	}

	/** A sealed value that does not open. */
	public static final class NotOpened extends RuntimeException {

		private static final long serialVersionUID = 1L;

		NotOpened(String message) {
			super(message);
		}

	}

}
