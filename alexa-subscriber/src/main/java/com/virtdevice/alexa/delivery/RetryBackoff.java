package com.virtdevice.alexa.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import com.virtdevice.alexa.AlexaProperties.Retry;
import org.jspecify.annotations.Nullable;

/**
 * Waits between attempts: exponential from {@code initial-backoff} (never under one
 * second, as Amazon asks), at least what a {@code Retry-After} asked for, at most
 * {@code max-backoff}, plus random jitter.
 */
final class RetryBackoff {

	static final Duration MINIMUM = Duration.ofSeconds(1);

	private final Retry retry;

	RetryBackoff(Retry retry) {
		this.retry = retry;
	}

	int maxRetries() {
		return this.retry.maxRetries();
	}

	/**
	 * @param retry 1 for the first retry, 2 for the second…
	 * @param retryAfter what the gateway asked for, if anything
	 */
	Duration delay(int retry, @Nullable Duration retryAfter) {
		long initial = Math.max(MINIMUM.toMillis(), this.retry.initialBackoff().toMillis());
		long max = Math.max(initial, this.retry.maxBackoff().toMillis());
		double grown = initial * Math.pow(this.retry.multiplier(), Math.max(0, retry - 1));
		long base = (long) Math.min(max, grown);
		if (retryAfter != null) {
			base = Math.min(max, Math.max(base, retryAfter.toMillis()));
		}
		long jitter = (long) (base * this.retry.jitter() * ThreadLocalRandom.current().nextDouble());
		return Duration.ofMillis(base + jitter);
	}

}
