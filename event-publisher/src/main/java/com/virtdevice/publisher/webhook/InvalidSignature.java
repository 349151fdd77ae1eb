package com.virtdevice.publisher.webhook;

import java.io.Serial;

import com.virtdevice.support.web.HubProblem;

import org.springframework.http.HttpStatus;

/**
 * A webhook call without a valid {@code X-VirtDevice-Signature} — also the answer for an
 * unknown webhook, so that ids cannot be probed.
 */
class InvalidSignature extends HubProblem {

	@Serial
	private static final long serialVersionUID = 1L;

	InvalidSignature() {
		super(HttpStatus.UNAUTHORIZED, "Missing or invalid X-VirtDevice-Signature: expected "
				+ "sha256=<hex HMAC-SHA256 of the raw body with the webhook's secret>");
	}

}
