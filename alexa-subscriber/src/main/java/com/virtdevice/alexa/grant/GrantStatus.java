package com.virtdevice.alexa.grant;

import org.jspecify.annotations.Nullable;

/**
 * Whether the caller has linked Alexa.
 *
 * @param linked whether ChangeReports are sent for the caller's devices
 * @param region the region of the linked account; {@code null} when not linked
 */
record GrantStatus(boolean linked, @Nullable Region region) {

	static final GrantStatus NOT_LINKED = new GrantStatus(false, null);

}
