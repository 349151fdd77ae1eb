package com.virtdevice.alexa.state;

/** The publisher's device API could not tell a device's properties. */
final class PublisherUnavailable extends RuntimeException {

	private static final long serialVersionUID = 1L;

	PublisherUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
