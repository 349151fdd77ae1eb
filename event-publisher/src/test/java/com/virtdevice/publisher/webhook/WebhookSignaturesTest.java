package com.virtdevice.publisher.webhook;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignaturesTest {

	private final byte[] body = "{\"property\":\"powerState\",\"value\":\"ON\"}".getBytes(StandardCharsets.UTF_8);

	@Test
	void signsWithHexHmacSha256OfTheRawBody() {
		// Reference value from: printf '%s' "$body" | openssl dgst -sha256 -hmac secret
		assertThat(WebhookSignatures.sign("secret", this.body))
			.isEqualTo("sha256=92a4a95d9f64fc4c8c5c4971e1e79b08a7b110554a607485fb6fe913b0e2a877");
	}

	@Test
	void acceptsOnlyTheExactSignature() {
		String signature = WebhookSignatures.sign("secret", this.body);

		assertThat(WebhookSignatures.isValid("secret", this.body, signature)).isTrue();
		assertThat(WebhookSignatures.isValid("secret", this.body, signature.toUpperCase().replace("SHA256", "sha256")))
			.isTrue();
		assertThat(WebhookSignatures.isValid("other", this.body, signature)).isFalse();
		assertThat(WebhookSignatures.isValid("secret", "{}".getBytes(), signature)).isFalse();
		assertThat(WebhookSignatures.isValid("secret", this.body, signature.substring(7))).isFalse();
		assertThat(WebhookSignatures.isValid("secret", this.body, signature + "00")).isFalse();
		assertThat(WebhookSignatures.isValid("secret", this.body, null)).isFalse();
	}

	@Test
	void makesLongUnguessableSecrets() {
		assertThat(WebhookSignatures.newSecret()).hasSize(43).isNotEqualTo(WebhookSignatures.newSecret());
	}

}
