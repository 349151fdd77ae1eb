package com.virtdevice.publisher.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.virtdevice.publisher.webhook.SecretCipher.UnreadableSecret;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SecretCipherTest {

	private static final byte[] KEY = new byte[32];

	private final SecretCipher cipher = SecretCipher.fromBase64(Base64.getEncoder().encodeToString(KEY));

	/**
	 * Secrets stored before the cipher moved to service-support's AesGcm: nonce, then
	 * ciphertext and tag, the webhook id as associated data.
	 */
	@Test
	void decryptsSecretsStoredInTheEarlierFormat() throws Exception {
		byte[] nonce = new byte[12];
		new SecureRandom().nextBytes(nonce);
		Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
		aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, nonce));
		aes.updateAAD("wh-1".getBytes(StandardCharsets.UTF_8));
		byte[] body = aes.doFinal("whsec_stored".getBytes(StandardCharsets.UTF_8));
		byte[] stored = ByteBuffer.allocate(nonce.length + body.length).put(nonce).put(body).array();

		assertThat(this.cipher.decrypt(stored, "wh-1")).isEqualTo("whsec_stored");
		assertThatExceptionOfType(UnreadableSecret.class).isThrownBy(() -> this.cipher.decrypt(stored, "wh-2"));
	}

	@Test
	void encryptsForOneWebhookAndKey() {
		byte[] sealed = this.cipher.encrypt("whsec_new", "wh-1");
		assertThat(this.cipher.decrypt(sealed, "wh-1")).isEqualTo("whsec_new");
		assertThatExceptionOfType(UnreadableSecret.class)
			.isThrownBy(() -> SecretCipher.ephemeral().decrypt(sealed, "wh-1"));
		assertThat(this.cipher.keyId()).isEqualTo("66687aadf862bd77");
	}

}
