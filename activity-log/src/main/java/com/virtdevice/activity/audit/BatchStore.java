package com.virtdevice.activity.audit;

import java.util.List;
import java.util.OptionalLong;

import com.virtdevice.events.DeviceStateEvent;

/** Where audit rows go: batches of events, all or nothing. */
interface BatchStore {

	/**
	 * Stores the events in one transaction, skipping any whose {@code eventId} is already
	 * stored.
	 * @throws org.springframework.dao.DataIntegrityViolationException if the database
	 * refuses a row (retrying the same batch cannot help)
	 * @throws org.springframework.dao.DataAccessException if the database cannot be used
	 * right now (retrying later can help)
	 */
	Outcome store(List<DeviceStateEvent> events);

	/**
	 * The highest stored sequence, or 0 when nothing is stored yet: where the event
	 * stream resumes.
	 * @throws org.springframework.dao.DataAccessException if the database cannot be asked
	 * right now
	 */
	OptionalLong lastStoredSequence();

	/**
	 * What a stored batch did.
	 *
	 * @param inserted new rows
	 * @param duplicates events skipped because their {@code eventId} was already stored
	 */
	record Outcome(int inserted, int duplicates) {

	}

}
