package com.virtdevice.publisher.property;

import java.io.Serial;

import com.virtdevice.support.web.HubProblem;

import org.springframework.http.HttpStatus;

/** An {@code Idempotency-Key} sent again with a different request. */
public class IdempotencyKeyReused extends HubProblem {

	@Serial
	private static final long serialVersionUID = 1L;

	IdempotencyKeyReused() {
		super(HttpStatus.UNPROCESSABLE_CONTENT,
				"This Idempotency-Key was already used for a different request; use a new key for a new request");
	}

}
