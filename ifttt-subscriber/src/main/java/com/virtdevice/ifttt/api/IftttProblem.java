package com.virtdevice.ifttt.api;

import java.io.Serial;

import org.springframework.http.HttpStatus;

/**
 * Something that ends an IFTTT request with an error status and a message IFTTT shows.
 * Subclasses are named after what happened.
 */
abstract class IftttProblem extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final HttpStatus status;

	IftttProblem(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	HttpStatus status() {
		return this.status;
	}

}
