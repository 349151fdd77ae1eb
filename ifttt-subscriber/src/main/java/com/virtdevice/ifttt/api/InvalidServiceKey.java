package com.virtdevice.ifttt.api;

import java.io.Serial;

import org.springframework.http.HttpStatus;

/** A request that needs the IFTTT service key came without the right one: 401. */
final class InvalidServiceKey extends IftttProblem {

	@Serial
	private static final long serialVersionUID = 1L;

	InvalidServiceKey() {
		super(HttpStatus.UNAUTHORIZED, "Missing or invalid IFTTT-Service-Key");
	}

}
