package com.virtdevice.support.events;

import java.time.Instant;

/**
 * The replay API could not be read, since when and why. Shown in health until a read
 * succeeds again.
 *
 * @param message the last error
 * @param since when the failures began
 */
record ReplayFailure(String message, Instant since) {

}
