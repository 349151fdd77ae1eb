package com.virtdevice.alexa.delivery;

import java.time.Duration;

import com.virtdevice.alexa.AlexaProperties.Retry;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackoffTest {

	@RepeatedTest(20)
	void waitsAtLeastOneSecondGrowingWithJitterUpToTheCap() {
		RetryBackoff backoff = new RetryBackoff(new Retry(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 0.5));
		assertThat(backoff.delay(1, null)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1500));
		assertThat(backoff.delay(2, null)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(3000));
		assertThat(backoff.delay(3, null)).isBetween(Duration.ofMillis(4000), Duration.ofMillis(6000));
		assertThat(backoff.delay(10, null)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(45));
	}

	@Test
	void neverWaitsLessThanOneSecondWhateverIsConfigured() {
		RetryBackoff backoff = new RetryBackoff(new Retry(3, Duration.ofMillis(10), 1.0, Duration.ofMillis(10), 0));
		assertThat(backoff.delay(1, null)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void honoursRetryAfterWithinTheCap() {
		RetryBackoff backoff = new RetryBackoff(new Retry(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 0));
		assertThat(backoff.delay(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
		assertThat(backoff.delay(1, Duration.ofMinutes(10))).isEqualTo(Duration.ofSeconds(30));
	}

}
