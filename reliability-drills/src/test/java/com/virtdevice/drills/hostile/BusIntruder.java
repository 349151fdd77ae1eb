package com.virtdevice.drills.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.virtdevice.events.Channels;
import com.virtdevice.localstack.LocalStack;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * Someone who reaches the hub's Redis without the publisher's credentials: anonymous, or
 * holding a consumer's. Tries to publish an event on every hub channel, to overwrite the
 * publisher's fence key and to shut Redis down, and listens anonymously to every user's
 * events. Each attempt must be refused.
 */
final class BusIntruder {

	private static final String EVENT = "{\"type\":\"property_changed\"}";

	/** What each intruder tries: three publishes, the fence key, SHUTDOWN. */
	private static final int TRIES = 5;

	private final LocalStack stack;

	private final Channels channels;

	private final String device;

	private final String user;

	BusIntruder(LocalStack stack, Channels channels, String device, String user) {
		this.stack = stack;
		this.channels = channels;
		this.device = device;
		this.user = user;
	}

	Refusals attack() {
		int attempts = 0;
		int refused = 0;
		String address = "redis://127.0.0.1:" + this.stack.redisServer().port();
		List<String> urls = new ArrayList<>(List.of(address));
		for (String consumer : List.of("activity-log", "alexa-subscriber", "ifttt-subscriber", "dashboard-ws")) {
			urls.add(this.stack.redisUrlFor(consumer));
		}
		for (String url : urls) {
			RedisClient client = intruder(url);
			StatefulRedisConnection<String, String> connected;
			try {
				connected = client.connect();
			}
			catch (RedisException ex) {
				// Without credentials even the connection's HELLO is refused: nothing it
				// would try can happen.
				client.shutdown();
				attempts += TRIES;
				refused += isRefusal(ex) ? TRIES : 0;
				continue;
			}
			try (StatefulRedisConnection<String, String> connection = connected) {
				RedisCommands<String, String> redis = connection.sync();
				List<Runnable> tries = List.of(() -> redis.publish(this.channels.deviceState(this.device), EVENT),
						() -> redis.publish(this.channels.userEvents(this.user), EVENT),
						() -> redis.publish(this.channels.globalEvents(), EVENT),
						() -> redis.set(this.channels.publisherKey("published-sequence"), "999999999"),
						() -> redis.dispatch(CommandType.SHUTDOWN, new StatusOutput<>(StringCodec.UTF8),
								new CommandArgs<>(StringCodec.UTF8).add("NOSAVE")));
				for (Runnable attempt : tries) {
					attempts++;
					if (isRefused(attempt)) {
						refused++;
					}
				}
			}
			finally {
				client.shutdown();
			}
		}
		return new Refusals(attempts, refused, anonymousPatternSubscription(address));
	}

	/** Messages an anonymous PSUBSCRIBE on every user's events receives. */
	private int anonymousPatternSubscription(String address) {
		AtomicInteger received = new AtomicInteger();
		RedisClient client = intruder(address);
		StatefulRedisPubSubConnection<String, String> connected;
		try {
			connected = client.connectPubSub();
		}
		catch (RedisException ex) {
			// Refused before it could subscribe to anything (NOAUTH at the handshake).
			client.shutdown();
			if (!isRefusal(ex)) {
				throw ex;
			}
			return 0;
		}
		try (StatefulRedisPubSubConnection<String, String> connection = connected) {
			connection.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void message(String pattern, String channel, String message) {
					received.incrementAndGet();
				}
			});
			try {
				connection.sync().psubscribe(this.channels.userEventsPattern());
			}
			catch (RedisException ex) {
				// NOAUTH: nothing subscribed
			}
			// Something is published meanwhile; an anonymous listener must not see it.
			RedisClient admin = RedisClient.create(this.stack.redisUrl());
			try (StatefulRedisConnection<String, String> publisher = admin.connect()) {
				publisher.sync().publish(this.channels.userEvents(this.user), EVENT);
			}
			finally {
				admin.shutdown();
			}
			sleepBriefly();
		}
		finally {
			client.shutdown();
		}
		return received.get();
	}

	/**
	 * A client that speaks RESP2, so that it connects without the HELLO handshake and
	 * each command it sends is refused (or not) by itself.
	 */
	private static RedisClient intruder(String url) {
		RedisClient client = RedisClient.create(url);
		client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build());
		return client;
	}

	private static boolean isRefused(Runnable attempt) {
		try {
			attempt.run();
			return false;
		}
		catch (RedisException ex) {
			return isRefusal(ex);
		}
	}

	/** NOAUTH or NOPERM, anywhere in the causes. */
	private static boolean isRefusal(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage());
			if (message.contains("NOAUTH") || message.contains("NOPERM")) {
				return true;
			}
		}
		return false;
	}

	private static void sleepBriefly() {
		try {
			Thread.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Refusals(int attempts, int refused, int received) {
	}

}
