package com.virtdevice.publisher.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.publisher.PublisherProperties;
import com.virtdevice.support.lifecycle.BackgroundWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Publishes recorded events. One instance at a time leads (a session-level advisory lock
 * on the relay's own connection); the others stand by and take over within
 * {@code takeover-interval} when the leader's connection goes away.
 * <p>
 * Each round gives the next recorded events, in commit order, the next sequences and
 * commits that, then publishes them with {@link RedisEventPublisher}. If Redis is down
 * the sequenced events wait and are published first when it is back; if this process dies
 * between commit and publish, the next leader publishes everything after the published
 * sequence again, and Redis' fence drops what did go out.
 */
@Component
public class OutboxRelay extends BackgroundWorker {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final RelayConnections connections;

	private final RedisEventPublisher redis;

	private final RelayWakeup wakeup;

	private final RelayMetrics metrics;

	private final PublisherProperties.Relay properties;

	private volatile RelayStatus status = RelayStatus.initial();

	/** Sequenced, committed, but not yet accepted by Redis. */
	private List<DeviceStateEvent> pending = List.of();

	private long publishedSequence;

	OutboxRelay(RelayConnections connections, RedisEventPublisher redis, RelayWakeup wakeup, RelayMetrics metrics,
			PublisherProperties properties) {
		super("outbox-relay", Duration.ofSeconds(10));
		this.connections = connections;
		this.redis = redis;
		this.wakeup = wakeup;
		this.metrics = metrics;
		this.properties = properties.relay();
	}

	@Override
	public void start() {
		if (!this.properties.enabled()) {
			log.info("The outbox relay is disabled on this instance (virtdevice.publisher.relay.enabled=false)");
			this.status = this.status.withRole(RelayStatus.Role.DISABLED);
			return;
		}
		super.start();
	}

	@Override
	public void stop() {
		super.stop();
		this.wakeup.leading(false);
	}

	public RelayStatus status() {
		return this.status;
	}

	@Override
	protected void work() throws InterruptedException {
		try {
			int failures = 0;
			while (!Thread.currentThread().isInterrupted()) {
				try (Connection connection = this.connections.open("relay")) {
					failures = 0;
					if (OutboxStore.tryLead(connection)) {
						lead(connection);
					}
					else {
						this.status = this.status.withRole(RelayStatus.Role.STANDBY);
						sleep(this.properties.takeoverInterval());
					}
				}
				catch (SQLException ex) {
					failures++;
					this.wakeup.leading(false);
					this.status = this.status.withRole(RelayStatus.Role.DISCONNECTED).withError(ex.getMessage());
					log.warn("Outbox relay lost its database connection (attempt {}): {}", failures, ex.getMessage());
					sleep(backoff(failures));
				}
			}
		}
		finally {
			this.wakeup.leading(false);
			this.status = this.status.withRole(RelayStatus.Role.STOPPED);
		}
	}

	private void lead(Connection connection) throws SQLException, InterruptedException {
		long[] state = OutboxStore.state(connection);
		this.publishedSequence = state[1];
		reconcileFence(state[0]);
		this.pending = OutboxStore.sequenced(connection, state[1], state[0]);
		this.wakeup.leading(true);
		this.status = this.status.withRole(RelayStatus.Role.LEADER).withSequences(state[0], state[1]);
		log.info("This instance now relays events: last sequence {}, {} to publish again", state[0],
				this.pending.size());
		int redisFailures = 0;
		while (!Thread.currentThread().isInterrupted()) {
			if (!this.pending.isEmpty()) {
				if (!publishPending()) {
					redisFailures++;
					sleep(backoff(redisFailures));
					continue;
				}
				redisFailures = 0;
			}
			List<DeviceStateEvent> batch = OutboxStore.sequenceNext(connection, this.properties.batchSize(),
					this.publishedSequence);
			if (!batch.isEmpty()) {
				this.pending = batch;
				this.status = this.status.withSequences(batch.get(batch.size() - 1).sequence(), this.publishedSequence);
				continue;
			}
			this.wakeup.await(this.properties.pollInterval());
		}
	}

	private boolean publishPending() {
		List<DeviceStateEvent> batch = this.pending;
		try {
			long fresh = this.redis.publish(batch);
			if (fresh < batch.size() && reconcileFence(this.status.lastSequence())) {
				fresh = this.redis.publish(batch);
			}
			this.publishedSequence = batch.get(batch.size() - 1).sequence();
			this.pending = List.of();
			this.metrics.published(batch, fresh, Instant.now());
			this.status = this.status.withSequences(this.status.lastSequence(), this.publishedSequence).withError(null);
			return true;
		}
		catch (DataAccessException ex) {
			this.metrics.publishFailed();
			this.status = this.status.withError("Redis: " + ex.getMessage());
			log.warn("Could not publish {} event(s) from sequence {} to Redis; they wait in the outbox: {}",
					batch.size(), batch.get(0).sequence(), ex.getMessage());
			return false;
		}
	}

	/**
	 * Redis remembers the highest sequence published. If it is ahead of the database, the
	 * database's stream was reset (a fresh database): follow the database.
	 */
	private boolean reconcileFence(long lastSequence) {
		try {
			long fence = this.redis.publishedSequence();
			if (fence > lastSequence) {
				log.warn("Redis has published up to sequence {} but the database's stream ends at {}: the event "
						+ "stream was reset; resetting the publish fence", fence, lastSequence);
				this.redis.resetPublishedSequence(this.publishedSequence);
				return true;
			}
		}
		catch (DataAccessException ex) {
			log.warn("Could not read the publish fence from Redis: {}", ex.getMessage());
		}
		return false;
	}

	private Duration backoff(int failures) {
		long millis = Math.min(this.properties.maxRetryBackoff().toMillis(), 50L << Math.min(failures, 10));
		return Duration.ofMillis(millis);
	}

	private static void sleep(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}

}
