package com.virtdevice.publisher.replay;

import com.virtdevice.publisher.PublisherProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes published events older than {@code virtdevice.publisher.retention} (default 7
 * days) and idempotency keys older than {@code idempotency-key-retention}, in batches so
 * that no purge holds long locks. Never removes an event that is not yet published.
 */
@Component
class EventRetention {

	static final int BATCH = 10_000;

	private static final Logger log = LoggerFactory.getLogger(EventRetention.class);

	private final JdbcClient jdbc;

	private final PublisherProperties properties;

	EventRetention(JdbcClient jdbc, PublisherProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "${virtdevice.publisher.purge-initial-delay:PT1M}",
			fixedDelayString = "${virtdevice.publisher.purge-interval:PT1H}")
	void purge() {
		long events = purgeEvents();
		long keys = purgeIdempotencyKeys();
		if (events > 0 || keys > 0) {
			log.info("Retention purge removed {} event(s) older than {} and {} idempotency key(s)", events,
					this.properties.retention(), keys);
		}
	}

	long purgeEvents() {
		long total = 0;
		int removed;
		do {
			removed = this.jdbc.sql("""
					DELETE FROM publisher.events WHERE id IN (
					  SELECT id FROM publisher.events
					   WHERE sequence IS NOT NULL
					     AND sequence <= (SELECT published_sequence FROM publisher.relay_state)
					     AND occurred_at < now() - make_interval(secs => ?)
					   LIMIT ?)
					""").params(this.properties.retention().toSeconds(), BATCH).update();
			total += removed;
		}
		while (removed == BATCH);
		return total;
	}

	long purgeIdempotencyKeys() {
		long total = 0;
		int removed;
		do {
			removed = this.jdbc.sql("""
					DELETE FROM publisher.idempotency_keys WHERE (scope, key) IN (
					  SELECT scope, key FROM publisher.idempotency_keys
					   WHERE created_at < now() - make_interval(secs => ?) LIMIT ?)
					""").params(this.properties.idempotencyKeyRetention().toSeconds(), BATCH).update();
			total += removed;
		}
		while (removed == BATCH);
		return total;
	}

}
