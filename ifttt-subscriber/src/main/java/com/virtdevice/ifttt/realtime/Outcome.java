package com.virtdevice.ifttt.realtime;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How one Realtime API request ended.
 *
 * @param status the HTTP status, or 0 if no answer came (network error, timeout)
 * @param retryAfter the answer's {@code Retry-After}, if any
 * @param detail the error, or the start of the answer's body, for the log
 */
record Outcome(int status, @Nullable Duration retryAfter, String detail) {

	static Outcome networkError(String detail) {
		return new Outcome(0, null, detail);
	}

	boolean succeeded() {
		return this.status >= 200 && this.status < 300;
	}

	/**
	 * Worth another attempt: no answer, a server error, or 429 (IFTTT documents no rate
	 * limits, but if it ever throttles, a retry after a pause is what it asks for). Other
	 * 4xx mean the request itself is wrong; sending it again would not help.
	 */
	boolean retryable() {
		return this.status == 0 || this.status >= 500 || this.status == 429;
	}

	String reason() {
		if (this.status == 0) {
			return "network";
		}
		return (this.status >= 500) ? "server_error" : "client_error";
	}

}
