package com.virtdevice.publisher.webhook;

import java.nio.charset.StandardCharsets;

import com.virtdevice.publisher.webhook.WebhookSignatures.Signature;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WebhookSignaturesTest {

	private final byte[] body = "{\"property\":\"powerState\",\"value\":\"ON\"}".getBytes(StandardCharsets.UTF_8);

	@Test
	void signsTheTimeTheDeliveryIdAndTheRawBodyWithHexHmacSha256() {
		// Reference value (docs/event-publisher.md):
		// printf '%s' "1700000000.delivery-1.$body" | openssl dgst -sha256 -hmac secret
		assertThat(WebhookSignatures.sign("secret", 1_700_000_000L, "delivery-1", this.body))
			.isEqualTo("t=1700000000,v1=fef148a65d3318c514fd8ce1435df55a81a7ce3a2ecc726513d7f884214dbf1d");
	}

	@Test
	void acceptsOnlyASignatureOfThisTimeDeliveryAndBody() {
		Signature signature = WebhookSignatures
			.parse(WebhookSignatures.sign("secret", 1_700_000_000L, "delivery-1", this.body));

		assertThat(signature.timestamp()).isEqualTo(1_700_000_000L);
		assertThat(signature.isValid("secret", "delivery-1", this.body)).isTrue();
		assertThat(signature.isValid("other", "delivery-1", this.body)).isFalse();
		assertThat(signature.isValid("secret", "delivery-2", this.body)).isFalse();
		assertThat(signature.isValid("secret", "delivery-1", "{}".getBytes())).isFalse();
		String v1 = WebhookSignatures.sign("secret", 1_700_000_000L, "delivery-1", this.body).substring(13);
		assertThat(WebhookSignatures.parse("t=1700000001," + v1).isValid("secret", "delivery-1", this.body)).isFalse();
	}

	@Test
	void acceptsAnyOfSeveralSignaturesWhileASenderRotatesSecrets() {
		String old = WebhookSignatures.sign("old", 1_700_000_000L, "d", this.body);
		String current = WebhookSignatures.sign("current", 1_700_000_000L, "d", this.body);

		Signature both = WebhookSignatures.parse(old + "," + current.substring(current.indexOf("v1=")) + ",v0=ignored");

		assertThat(both.isValid("current", "d", this.body)).isTrue();
		assertThat(both.isValid("old", "d", this.body)).isTrue();
	}

	@Test
	void refusesTheOldFormatMissingAndMalformedHeadersWithADetailSayingWhatToSend() {
		assertThatExceptionOfType(InvalidSignature.class)
			.isThrownBy(() -> WebhookSignatures.parse("sha256=" + "0".repeat(64)))
			.withMessageContaining("no longer accepted")
			.withMessageContaining("t=<unix seconds>,v1=");
		for (String malformed : new String[] { "t=1700000000", "v1=" + "0".repeat(64), "t=x,v1=" + "0".repeat(64),
				"t=1700000000,v1=" + "0".repeat(63), "t=1700000000,v1=" + "A".repeat(64), "garbage" }) {
			assertThatExceptionOfType(InvalidSignature.class).as(malformed)
				.isThrownBy(() -> WebhookSignatures.parse(malformed))
				.withMessageStartingWith("Malformed");
		}
		assertThatExceptionOfType(InvalidSignature.class).isThrownBy(() -> WebhookSignatures.parse(null))
			.withMessageStartingWith("Missing");
	}

	@Test
	void makesLongUnguessableSecrets() {
		assertThat(WebhookSignatures.newSecret()).hasSize(43).isNotEqualTo(WebhookSignatures.newSecret());
	}

}
