package com.virtdevice.support.web;

import java.io.IOException;
import java.io.Serial;

/**
 * A request body went over {@code virtdevice.web.max-request-size} while it was read. A
 * service with its own error format finds it in the cause chain of the read failure.
 */
public final class PayloadTooLarge extends IOException {

	@Serial
	private static final long serialVersionUID = 1L;

	public PayloadTooLarge(long limit) {
		super("The request body is larger than the limit of " + limit + " bytes");
	}

}
