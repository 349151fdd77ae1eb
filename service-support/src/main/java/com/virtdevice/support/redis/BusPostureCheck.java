package com.virtdevice.support.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.virtdevice.events.BusRole;
import com.virtdevice.events.Channels;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Tries, at start-up, what this service's Redis user may do on the hub's channels and
 * keys, without doing any of it: the commands are queued in a transaction that is then
 * discarded, and Redis refuses a command it does not permit ({@code NOPERM}) as it is
 * queued. A subscriber that may publish, or any service that may run admin commands, is
 * on an open bus. With a production profile the service refuses to start there, unless
 * {@code virtdevice.redis.accept-open-bus=true} says the operator accepts it; otherwise
 * it warns. Health shows the result ({@code redisBus}).
 */
public final class BusPostureCheck implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BusPostureCheck.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private static final Duration RECHECK_UNKNOWN = Duration.ofSeconds(30);

	private static final String PROBE = "posture-check";

	private final LettuceConnectionFactory connections;

	private final Channels channels;

	private final @Nullable BusRole role;

	private final boolean production;

	private final boolean acceptOpenBus;

	private volatile @Nullable BusPosture posture;

	private volatile boolean running;

	public BusPostureCheck(LettuceConnectionFactory connections, Channels channels, @Nullable BusRole role,
			boolean production, boolean acceptOpenBus) {
		this.connections = connections;
		this.channels = channels;
		this.role = role;
		this.production = production;
		this.acceptOpenBus = acceptOpenBus;
	}

	@Override
	public void start() {
		BusPosture checked = check();
		this.running = true;
		if (!checked.known()) {
			log.warn("Could not check this service's Redis permissions ({}); health shows it once Redis answers",
					checked.error());
			return;
		}
		report(checked);
	}

	/** The last result, checked again if it was unknown and is old enough. */
	public BusPosture posture() {
		BusPosture last = this.posture;
		if (last == null || (!last.known() && last.checkedAt().plus(RECHECK_UNKNOWN).isBefore(Instant.now()))) {
			last = check();
			if (last.known()) {
				report(last);
			}
		}
		return last;
	}

	/** Whether an open bus is refused here (production, not accepted). */
	public boolean refusesOpenBus() {
		return this.production && !this.acceptOpenBus;
	}

	public boolean acceptsOpenBus() {
		return this.acceptOpenBus;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Before the event stream and the listener container start. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 400;
	}

	private void report(BusPosture checked) {
		String summary = "user " + checked.user() + ", TLS " + (checked.tls() ? "on" : "off");
		if (!checked.open()) {
			log.info("Redis bus: {}, least privilege for {}", summary, describe(this.role));
			return;
		}
		String excess = String.join("; ", checked.excess());
		if (refusesOpenBus()) {
			throw new IllegalStateException("Refusing to start with a production profile on an open Redis bus ("
					+ summary + "): this service's Redis user " + excess + ". Give each service its own Redis ACL "
					+ "user (docs/operations.md, \"Securing Redis\"), or set virtdevice.redis.accept-open-bus=true "
					+ "to accept the risk.");
		}
		log.warn(
				"Redis bus is OPEN ({}): this service's Redis user {}. Anyone with these credentials can forge "
						+ "events. Give each service its own Redis ACL user (docs/operations.md, \"Securing Redis\").",
				summary, excess);
	}

	private BusPosture check() {
		boolean tls = this.connections.isUseSsl();
		BusPosture checked;
		try {
			checked = probe(tls);
		}
		catch (RuntimeException ex) {
			checked = BusPosture.unknown(this.role, tls, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			checked = BusPosture.unknown(this.role, tls, "interrupted");
		}
		this.posture = checked;
		return checked;
	}

	private BusPosture probe(boolean tls) throws InterruptedException {
		AbstractRedisClient client = this.connections.getNativeClient();
		if (!(client instanceof RedisClient standalone)) {
			return BusPosture.unknown(this.role, tls, "not checked on " + client.getClass().getSimpleName());
		}
		try (StatefulRedisConnection<String, String> connection = standalone.connect(StringCodec.UTF8)) {
			connection.setTimeout(TIMEOUT);
			RedisAsyncCommands<String, String> redis = connection.async();
			String user = await(redis.aclWhoami(), "(unknown)");
			await(redis.multi(), null);
			Map<String, RedisFuture<?>> publishes = new LinkedHashMap<>();
			for (String channel : List.of(this.channels.deviceState(PROBE), this.channels.userEvents(PROBE),
					this.channels.globalEvents())) {
				publishes.put(channel, redis.publish(channel, ""));
			}
			RedisFuture<?> fence = redis.set(this.channels.publisherKey(PROBE), "");
			RedisFuture<?> config = redis.configGet("maxmemory");
			RedisFuture<?> flush = redis.flushall();
			await(redis.discard(), null);
			List<String> mayPublish = new ArrayList<>();
			publishes.forEach((channel, future) -> {
				if (permitted(future)) {
					mayPublish.add(channel);
				}
			});
			return new BusPosture(this.role, user, tls, List.copyOf(mayPublish), permitted(fence),
					permitted(config) || permitted(flush), null, Instant.now());
		}
	}

	/** A queued command was permitted unless Redis refused it with NOPERM. */
	private static boolean permitted(RedisFuture<?> future) {
		try {
			future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (java.util.concurrent.ExecutionException ex) {
			String message = String.valueOf(ex.getCause().getMessage());
			return !message.startsWith("NOPERM") && !message.startsWith("NOAUTH");
		}
		catch (java.util.concurrent.TimeoutException | InterruptedException ex) {
			throw new IllegalStateException("Redis did not answer the permission check: " + ex.getMessage(), ex);
		}
	}

	private static <T> @Nullable T await(RedisFuture<T> future, @Nullable T orElse) throws InterruptedException {
		try {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			if (orElse != null) {
				return orElse;
			}
			throw new IllegalStateException(String.valueOf(ex.getCause().getMessage()), ex.getCause());
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Redis did not answer within " + TIMEOUT, ex);
		}
	}

	private static String describe(@Nullable BusRole role) {
		return (role != null) ? role.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') : "a test service";
	}

}
