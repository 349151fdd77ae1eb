package com.virtdevice.support.events;

import java.io.Serial;

/** The replay API could not be read (publisher down, refused the token, bad answer). */
public class ReplayUnavailable extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	public ReplayUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

	public ReplayUnavailable(String message) {
		super(message);
	}

}
