package com.virtdevice.alexa.grant;

/**
 * The user has no usable Alexa grant (never linked, unlinked, or the grant was revoked).
 */
public final class NotLinked extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public NotLinked(String userId) {
		super("User " + userId + " has no linked Alexa account");
	}

}
