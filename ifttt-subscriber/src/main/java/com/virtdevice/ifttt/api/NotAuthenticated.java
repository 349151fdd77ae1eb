package com.virtdevice.ifttt.api;

import java.io.Serial;

import org.springframework.http.HttpStatus;

/** A request that needs a user's token or the service key had neither: 401. */
final class NotAuthenticated extends IftttProblem {

	@Serial
	private static final long serialVersionUID = 1L;

	NotAuthenticated(String message) {
		super(HttpStatus.UNAUTHORIZED, message);
	}

}
