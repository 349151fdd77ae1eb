package com.virtdevice.ifttt.realtime;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

	private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

	@RepeatedTest(20)
	void doublesPerAttemptWithJitterOfAtMostHalf() {
		assertThat(this.backoff.delay(1, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
		assertThat(this.backoff.delay(3, null)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
	}

	@Test
	void neverWaitsLongerThanTheMaximum() {
		assertThat(this.backoff.delay(40, null)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
		assertThat(this.backoff.delay(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void followsTheServersRetryAfter() {
		assertThat(this.backoff.delay(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
	}

}
