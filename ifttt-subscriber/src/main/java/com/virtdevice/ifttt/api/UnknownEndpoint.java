package com.virtdevice.ifttt.api;

import java.io.Serial;

import org.springframework.http.HttpStatus;

/** IFTTT asked for a trigger, field or endpoint this service does not have: 404. */
final class UnknownEndpoint extends IftttProblem {

	@Serial
	private static final long serialVersionUID = 1L;

	UnknownEndpoint(String message) {
		super(HttpStatus.NOT_FOUND, message);
	}

}
