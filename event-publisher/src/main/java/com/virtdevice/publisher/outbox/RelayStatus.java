package com.virtdevice.publisher.outbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the relay is doing, for health and logs.
 *
 * @param role leader, standby, …
 * @param lastSequence the last sequence assigned
 * @param publishedSequence the last sequence Redis accepted
 * @param lastError the last problem, if it has not cleared
 * @param since when the role last changed
 */
public record RelayStatus(Role role, long lastSequence, long publishedSequence, @Nullable String lastError,
		Instant since) {

	static RelayStatus initial() {
		return new RelayStatus(Role.STARTING, 0, 0, null, Instant.now());
	}

	RelayStatus withRole(Role newRole) {
		return (newRole == this.role) ? this
				: new RelayStatus(newRole, this.lastSequence, this.publishedSequence, this.lastError, Instant.now());
	}

	RelayStatus withSequences(long last, long published) {
		return new RelayStatus(this.role, last, published, this.lastError, this.since);
	}

	RelayStatus withError(@Nullable String error) {
		return new RelayStatus(this.role, this.lastSequence, this.publishedSequence, error, this.since);
	}

	/** The relay's roles. */
	public enum Role {

		/** Not yet connected. */
		STARTING,

		/** Holds the lock and publishes. */
		LEADER,

		/** Another instance publishes; this one takes over if it goes away. */
		STANDBY,

		/** Cannot reach the database; retrying. */
		DISCONNECTED,

		/** Switched off on this instance. */
		DISABLED,

		/** Shut down. */
		STOPPED

	}

}
