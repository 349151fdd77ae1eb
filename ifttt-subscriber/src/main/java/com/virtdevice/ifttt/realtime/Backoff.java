package com.virtdevice.ifttt.realtime;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * Exponential backoff with jitter: before retry {@code n} wait between half and all of
 * {@code initial * 2^(n-1)}, at most {@code max}; a server's {@code Retry-After} wins
 * when it is given (still capped at {@code max}). Jitter keeps many instances from
 * retrying in step.
 */
record Backoff(Duration initial, Duration max) {

	/** The wait before the retry that follows failed attempt number {@code attempt}. */
	Duration delay(int attempt, @Nullable Duration retryAfter) {
		if (retryAfter != null) {
			return min(retryAfter, this.max);
		}
		long base = Math.min(this.max.toMillis(), this.initial.toMillis() << Math.min(attempt - 1, 20));
		long half = base / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(base - half + 1));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
