package com.virtdevice.alexa.report;

/** A VirtDevice value that has no form in the Alexa type of its property. */
public final class UnconvertibleValue extends RuntimeException {

	private static final long serialVersionUID = 1L;

	UnconvertibleValue(String message) {
		super(message);
	}

}
