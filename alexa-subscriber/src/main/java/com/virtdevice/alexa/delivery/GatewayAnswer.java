package com.virtdevice.alexa.delivery;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What the Event Gateway said, or why it said nothing.
 *
 * @param status the HTTP status; 0 when no answer came
 * @param code {@code payload.code} of the gateway's error body, if any
 * @param description {@code payload.description} of the error body, if any
 * @param retryAfter the {@code Retry-After} the gateway asked for, if any
 * @param networkError what went wrong when no answer came
 */
record GatewayAnswer(int status, @Nullable String code, @Nullable String description, @Nullable Duration retryAfter,
		@Nullable String networkError) {

	static GatewayAnswer networkFailure(String error) {
		return new GatewayAnswer(0, null, null, null, error);
	}

	boolean isThrottled() {
		return this.status == 429;
	}

	/**
	 * A short account for logs and dead letters, e.g. {@code 429 THROTTLING_EXCEPTION}.
	 */
	String summary() {
		if (this.networkError != null) {
			return "network error: " + this.networkError;
		}
		return this.status + ((this.code != null) ? " " + this.code : "");
	}

}
