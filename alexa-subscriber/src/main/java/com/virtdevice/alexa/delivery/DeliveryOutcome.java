package com.virtdevice.alexa.delivery;

/** How a ChangeReport ended. */
enum DeliveryOutcome {

	/** Being sent (or retried). */
	PENDING,

	/** The gateway accepted it (202). */
	SENT,

	/** The gateway refused it for good (400, 404, other 4xx); not retried. */
	DROPPED,

	/**
	 * The gateway refused it because the skill lacks the permission to send events (403
	 * INSUFFICIENT_PERMISSION): an operator must fix the skill.
	 */
	REJECTED,

	/**
	 * The user's grant is gone (401 after refresh, 403 skill disabled, invalid_grant).
	 */
	UNLINKED,

	/** Transient failures outlasted the retries. */
	DEAD_LETTERED,

	/** The service stopped while it was pending; its events are replayed at start. */
	INTERRUPTED;

	boolean isFinal() {
		return this != PENDING && this != INTERRUPTED;
	}

}
