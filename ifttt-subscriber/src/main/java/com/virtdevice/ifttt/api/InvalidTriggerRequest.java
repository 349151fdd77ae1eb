package com.virtdevice.ifttt.api;

import java.io.Serial;

import org.springframework.http.HttpStatus;

/** A trigger poll whose fields or limit are not valid: 400. */
final class InvalidTriggerRequest extends IftttProblem {

	@Serial
	private static final long serialVersionUID = 1L;

	InvalidTriggerRequest(String message) {
		super(HttpStatus.BAD_REQUEST, message);
	}

}
