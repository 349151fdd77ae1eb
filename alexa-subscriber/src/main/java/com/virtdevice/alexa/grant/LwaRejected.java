package com.virtdevice.alexa.grant;

/**
 * Login with Amazon refused a code or refresh token. {@code invalid_grant} means the
 * grant is gone for good (expired code, skill disabled); other errors mean our client
 * credentials are wrong.
 */
final class LwaRejected extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String error;

	LwaRejected(int status, String error) {
		super("Login with Amazon answered " + status + " " + error);
		this.error = error;
	}

	String error() {
		return this.error;
	}

	boolean isInvalidGrant() {
		return "invalid_grant".equals(this.error);
	}

}
