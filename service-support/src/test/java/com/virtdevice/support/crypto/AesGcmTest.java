package com.virtdevice.support.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AesGcmTest {

	private static final byte[] KEY = new byte[32];

	private static final byte[] OWNER = "owner-1".getBytes(StandardCharsets.UTF_8);

	private final AesGcm aes = new AesGcm(KEY);

	@Test
	void opensOnlyWithTheSameKeyAndAssociatedData() {
		byte[] sealed = this.aes.seal("s3cr3t", OWNER);

		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t");
		assertThat(this.aes.open(sealed, OWNER)).isEqualTo("s3cr3t");
		assertThatExceptionOfType(AesGcm.NotOpened.class)
			.isThrownBy(() -> this.aes.open(sealed, "owner-2".getBytes(StandardCharsets.UTF_8)));
		assertThatExceptionOfType(AesGcm.NotOpened.class).isThrownBy(() -> AesGcm.randomKey().open(sealed, OWNER));
	}

	@Test
	void refusesTamperedAndTruncatedValues() {
		byte[] sealed = this.aes.seal("s3cr3t", OWNER);
		sealed[sealed.length - 1] ^= 1;
		assertThatExceptionOfType(AesGcm.NotOpened.class).isThrownBy(() -> this.aes.open(sealed, OWNER));
		assertThatExceptionOfType(AesGcm.NotOpened.class).isThrownBy(() -> this.aes.open(new byte[12], OWNER));
	}

	/** The stored format: nonce, then ciphertext and tag, as both services wrote it. */
	@Test
	void opensValuesSealedAsNonceThenCiphertextAndTag() throws Exception {
		byte[] nonce = HexFormat.of().parseHex("000102030405060708090a0b");
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, nonce));
		cipher.updateAAD(OWNER);
		byte[] body = cipher.doFinal("written earlier".getBytes(StandardCharsets.UTF_8));
		byte[] stored = ByteBuffer.allocate(nonce.length + body.length).put(nonce).put(body).array();

		assertThat(this.aes.open(stored, OWNER)).isEqualTo("written earlier");
		assertThat(this.aes.seal("x", OWNER)).hasSize(12 + 1 + 16);
	}

	@Test
	void usesAFreshNonceEachTime() {
		assertThat(this.aes.seal("same", OWNER)).isNotEqualTo(this.aes.seal("same", OWNER));
	}

	@Test
	void namesTheKeyByItsHashWithoutRevealingIt() {
		assertThat(this.aes.keyId()).isEqualTo("66687aadf862bd77").isEqualTo(new AesGcm(new byte[32]).keyId());
		assertThat(AesGcm.randomKey().keyId()).isNotEqualTo(this.aes.keyId());
		assertThat(this.aes.toString()).contains(this.aes.keyId()).doesNotContain("AAAA");
	}

	@Test
	void refusesKeysOfTheWrongSize() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AesGcm(new byte[20]))
			.withMessageContaining("16, 24 or 32 bytes");
	}

}
