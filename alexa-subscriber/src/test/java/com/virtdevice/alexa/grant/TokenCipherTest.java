package com.virtdevice.alexa.grant;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.virtdevice.alexa.grant.TokenCipher.UnreadableToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenCipherTest {

	private final TokenCipher cipher = TokenCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

	@Test
	void encryptsSoThatOnlyTheSameKeyTenantAndUserDecrypt() {
		byte[] sealed = this.cipher.encrypt("Atza|secret-token", "tenant-a", "user-1");
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("secret-token");
		assertThat(this.cipher.decrypt(sealed, "tenant-a", "user-1")).isEqualTo("Atza|secret-token");
		assertThatExceptionOfType(UnreadableToken.class)
			.isThrownBy(() -> this.cipher.decrypt(sealed, "tenant-a", "user-2"));
		assertThatExceptionOfType(UnreadableToken.class)
			.isThrownBy(() -> this.cipher.decrypt(sealed, "tenant-b", "user-1"));
		assertThatExceptionOfType(UnreadableToken.class)
			.isThrownBy(() -> TokenCipher.ephemeral().decrypt(sealed, "tenant-a", "user-1"));
	}

	@Test
	void bindsTheOwnerUnambiguously() {
		byte[] sealed = this.cipher.encrypt("Atza|secret-token", "ab", "c");
		assertThatExceptionOfType(UnreadableToken.class).isThrownBy(() -> this.cipher.decrypt(sealed, "a", "bc"));
		assertThatExceptionOfType(UnreadableToken.class)
			.isThrownBy(() -> this.cipher.decryptBoundToUserOnly(sealed, "c"));
		assertThatExceptionOfType(UnreadableToken.class)
			.isThrownBy(() -> this.cipher.decryptBoundToUserOnly(sealed, "abc"));
	}

	@Test
	void usesAFreshNonceEachTime() {
		assertThat(this.cipher.encrypt("same", "t", "user-1")).isNotEqualTo(this.cipher.encrypt("same", "t", "user-1"));
	}

	@Test
	void detectsTampering() {
		byte[] sealed = this.cipher.encrypt("Atza|secret-token", "t", "user-1");
		sealed[sealed.length - 1] ^= 1;
		assertThatExceptionOfType(UnreadableToken.class).isThrownBy(() -> this.cipher.decrypt(sealed, "t", "user-1"));
	}

	@Test
	void namesItsKeyWithoutRevealingIt() {
		assertThat(this.cipher.keyId()).hasSize(16)
			.isEqualTo(TokenCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[32])).keyId());
		assertThat(TokenCipher.ephemeral().keyId()).isNotEqualTo(this.cipher.keyId());
		assertThat(this.cipher.toString()).doesNotContain("AAAA");
	}

	@Test
	void refusesKeysOfTheWrongSize() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TokenCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[20])));
		assertThatIllegalArgumentException().isThrownBy(() -> TokenCipher.fromBase64("not base64!"));
	}

}
