package com.virtdevice.events;

import java.io.Serial;

/**
 * A message or value that is not a valid {@link DeviceStateEvent}. The message says what
 * is wrong, so a subscriber can log it and count it instead of failing later.
 */
public class InvalidEventException extends IllegalArgumentException {

	@Serial
	private static final long serialVersionUID = 1L;

	public InvalidEventException(String message) {
		super(message);
	}

}
