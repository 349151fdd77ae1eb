package com.virtdevice.support.web;

import java.io.IOException;
import java.io.Serial;

/** A request body went over {@code virtdevice.web.max-request-size} while it was read. */
final class PayloadTooLarge extends IOException {

	@Serial
	private static final long serialVersionUID = 1L;

	PayloadTooLarge(long limit) {
		super("The request body is larger than the limit of " + limit + " bytes");
	}

}
