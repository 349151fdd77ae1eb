package com.virtdevice.ifttt.api;

import java.io.Serial;

import org.springframework.http.HttpStatus;

/** The service cannot serve IFTTT right now; IFTTT should try again later: 503. */
final class ServiceUnavailable extends IftttProblem {

	@Serial
	private static final long serialVersionUID = 1L;

	ServiceUnavailable(String message) {
		super(HttpStatus.SERVICE_UNAVAILABLE, message);
	}

}
