package com.virtdevice.support.security;

import java.io.Serial;

/**
 * No service token could be obtained: none configured, or the identity provider refused
 * or did not answer.
 */
public final class ServiceTokenUnavailable extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	public ServiceTokenUnavailable(String message) {
		super(message);
	}

	public ServiceTokenUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
