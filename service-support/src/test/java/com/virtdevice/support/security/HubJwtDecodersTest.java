package com.virtdevice.support.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class HubJwtDecodersTest {

	@Test
	void refusesToStartInProductionWithoutASecretOrJwkSet() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");

		assertThatIllegalStateException()
			.isThrownBy(() -> HubJwtDecoders.create(new JwtProperties(null, null, Duration.ZERO), production))
			.withMessageContaining("Refusing to start in a production profile");
	}

	@Test
	void refusesASecretShorterThan32Bytes() {
		assertThatIllegalStateException().isThrownBy(
				() -> HubJwtDecoders.create(new JwtProperties("too-short", null, Duration.ZERO), new MockEnvironment()))
			.withMessageContaining("needs at least 32");
	}

	@Test
	void startsOutsideProductionWithARandomKeyThatAcceptsNothing() {
		assertThat(HubJwtDecoders.create(new JwtProperties(null, null, Duration.ZERO), new MockEnvironment()))
			.isNotNull();
	}

	@Test
	void neverShowsTheSecretInItsDescription() {
		assertThat(new JwtProperties("a-secret-of-at-least-thirty-two-bytes", null, Duration.ZERO).toString())
			.doesNotContain("a-secret");
	}

}
