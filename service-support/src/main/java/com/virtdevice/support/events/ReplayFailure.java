package com.virtdevice.support.events;

import java.time.Instant;

/**
 * The replay API could not be read, since when and why. Shown in health until a read
 * succeeds again.
 *
 * @param message the last error
 * @param since when the failures began
 * @param refused whether the publisher answered and refused this service's token
 */
record ReplayFailure(String message, Instant since, boolean refused) {

	/** This failure, continued by another attempt that failed with {@code ex}. */
	static ReplayFailure after(ReplayFailure previous, ReplayUnavailable ex) {
		Instant since = (previous != null) ? previous.since() : Instant.now();
		return new ReplayFailure(ex.getMessage(), since, ex instanceof ReplayRefused);
	}

}
