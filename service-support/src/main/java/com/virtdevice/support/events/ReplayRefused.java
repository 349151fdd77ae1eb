package com.virtdevice.support.events;

/**
 * The replay API answered, and refused this service (401 or 403): its service token is
 * missing, expired or lacks {@code events:replay}. Unlike a publisher that is down, this
 * does not heal by waiting, so the stream reports OUT_OF_SERVICE while it lasts.
 */
public final class ReplayRefused extends ReplayUnavailable {

	private static final long serialVersionUID = 1L;

	public ReplayRefused(String message, Throwable cause) {
		super(message, cause);
	}

}
