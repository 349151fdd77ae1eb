package com.virtdevice.activity.retention;

import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes rows past their retention in bounded batches. Each batch is one statement that
 * picks the oldest rows through the {@code (occurred_at, id)} index and skips rows
 * another instance is deleting at the same moment, so several instances may purge at once
 * without waiting for each other.
 */
@Component
class RetentionPurge {

	private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

	private static final String DELETE_BATCH = "delete from activity_log where id in (select id from activity_log "
			+ "where occurred_at < :cutoff order by occurred_at, id limit :batchSize for update skip locked)";

	private final JdbcClient jdbc;

	private final RetentionProperties properties;

	private final Counter purged;

	RetentionPurge(JdbcClient jdbc, RetentionProperties properties, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.purged = Counter.builder("virtdevice.activity.rows.purged")
			.description("Audit rows deleted after their retention")
			.register(registry);
	}

	/** Deletes every row older than {@code max-age}, one batch at a time. */
	Result purgeExpired() {
		Instant cutoff = Instant.now().minus(this.properties.maxAge());
		long rows = 0;
		int batches = 0;
		int deleted;
		do {
			deleted = this.jdbc.sql(DELETE_BATCH)
				.param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
				.param("batchSize", this.properties.batchSize())
				.update();
			rows += deleted;
			batches++;
			this.purged.increment(deleted);
		}
		while (deleted == this.properties.batchSize() && !Thread.currentThread().isInterrupted());
		if (rows > 0) {
			log.info("Purged {} audit rows older than {} in {} batches", rows, cutoff, batches);
		}
		return new Result(rows, batches);
	}

	/** The scheduled run: a failure is logged and the next run tries again. */
	void run() {
		try {
			purgeExpired();
		}
		catch (DataAccessException ex) {
			log.warn("Purging expired audit rows failed; the next run retries: {}", ex.getMessage());
		}
	}

	/**
	 * @param rows rows deleted
	 * @param batches delete statements run
	 */
	record Result(long rows, int batches) {

	}

}
