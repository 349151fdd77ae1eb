package com.virtdevice.activity.audit;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the writer last did, for health.
 *
 * @param lastBatch the last batch stored, if any
 * @param failure the failure the writer is retrying now, if any
 */
record WriterStatus(@Nullable LastBatch lastBatch, @Nullable Failure failure) {

	static final WriterStatus INITIAL = new WriterStatus(null, null);

	WriterStatus stored(LastBatch batch) {
		return new WriterStatus(batch, null);
	}

	WriterStatus failing(Instant now, String error) {
		Failure current = this.failure;
		return new WriterStatus(this.lastBatch, (current != null)
				? new Failure(current.since(), current.attempts() + 1, error) : new Failure(now, 1, error));
	}

	/**
	 * @param size events in the batch
	 * @param inserted new rows
	 * @param duplicates events already stored
	 * @param lastSequence the sequence of its last event: everything up to it is stored
	 * @param at when it was committed
	 * @param took how long writing and committing took
	 */
	record LastBatch(int size, int inserted, int duplicates, long lastSequence, Instant at, Duration took) {

	}

	/**
	 * @param since when the first attempt failed
	 * @param attempts failed attempts so far
	 * @param error the last error, without the SQL
	 */
	record Failure(Instant since, int attempts, String error) {

	}

}
