package com.virtdevice.support.events;

/** Reads events after a sequence from the publisher's replay API. */
@FunctionalInterface
public interface ReplaySource {

	/**
	 * @param afterSequence return events with a greater sequence
	 * @param limit at most this many
	 * @throws ReplayUnavailable if the publisher cannot be asked right now
	 */
	ReplayPage fetch(long afterSequence, int limit);

}
