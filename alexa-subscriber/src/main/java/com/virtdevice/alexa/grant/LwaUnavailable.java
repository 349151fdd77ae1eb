package com.virtdevice.alexa.grant;

/**
 * Login with Amazon could not be asked right now (network, 5xx, no client credentials).
 */
public final class LwaUnavailable extends RuntimeException {

	private static final long serialVersionUID = 1L;

	LwaUnavailable(String message) {
		super(message);
	}

	LwaUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
