package com.virtdevice.publisher.webhook;

import java.io.Serial;

import com.virtdevice.support.web.HubProblem;

import org.springframework.http.HttpStatus;

/**
 * A webhook call that is not signed as {@code docs/event-publisher.md} says — also the
 * answer for an unknown webhook, so that ids cannot be probed. The detail says what is
 * wrong with the headers, never whether the webhook exists or which secret it has.
 */
class InvalidSignature extends HubProblem {

	@Serial
	private static final long serialVersionUID = 1L;

	private static final String EXPECTED = "expected " + WebhookSignatures.HEADER
			+ ": t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<delivery id>.<raw body>\" with the webhook's secret> and "
			+ WebhookSignatures.DELIVERY_HEADER + ": <delivery id, 1-128 of A-Z a-z 0-9 _ : ->";

	private InvalidSignature(String detail) {
		super(HttpStatus.UNAUTHORIZED, detail);
	}

	/** A signature that does not match, or a webhook that does not exist. */
	static InvalidSignature mismatch() {
		return new InvalidSignature("Invalid " + WebhookSignatures.HEADER + ": " + EXPECTED);
	}

	static InvalidSignature missing() {
		return new InvalidSignature("Missing " + WebhookSignatures.HEADER + ": " + EXPECTED);
	}

	static InvalidSignature malformed() {
		return new InvalidSignature("Malformed " + WebhookSignatures.HEADER + ": " + EXPECTED);
	}

	static InvalidSignature missingDeliveryId() {
		return new InvalidSignature("Missing or malformed " + WebhookSignatures.DELIVERY_HEADER + ": " + EXPECTED);
	}

	/** The format before timestamps, refused since: it could be replayed for ever. */
	static InvalidSignature oldFormat() {
		return new InvalidSignature("The sha256=<hmac of the body> signature is no longer accepted, because a captured "
				+ "call could be replayed; sign the time and a delivery id with the body: " + EXPECTED);
	}

	/**
	 * A valid signature made too long ago (or too far ahead): a replay, or a wrong clock.
	 */
	static InvalidSignature outsideWindow(long skewSeconds, long toleranceSeconds) {
		return new InvalidSignature("The signature's timestamp t is " + Math.abs(skewSeconds) + " s "
				+ ((skewSeconds > 0) ? "in the past" : "in the future") + "; calls are accepted within "
				+ toleranceSeconds + " s of the server's clock. Sign every attempt, retries too, with the current "
				+ "time (and keep its delivery id)");
	}

}
