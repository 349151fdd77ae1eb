package com.virtdevice.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.virtdevice.events.BusRole;
import com.virtdevice.events.Channels;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The ACL rules of each bus role ({@code BusAccess}) on a real Redis whose default user
 * is off: only the publisher may publish on the hub's channels or touch its fence key,
 * subscribers may subscribe to their own patterns only, nobody may stop or reconfigure
 * Redis, and a client without credentials may do nothing at all.
 */
class BusAccessRulesTest {

	private static final Channels CHANNELS = Channels.namespaced("acl");

	private static final RedisServerProcess redis = RedisServerProcess.startOnFreePort();

	@AfterAll
	static void stop() {
		redis.close();
	}

	@Test
	void subscribersMayNotPublishOnAnyHubChannelNorTouchTheFenceNorStopRedis() {
		for (BusRole role : List.of(BusRole.DEVICE_SUBSCRIBER, BusRole.USER_SUBSCRIBER)) {
			withCommands(redis.urlFor(role, CHANNELS), (redis) -> {
				for (String channel : hubChannels()) {
					assertNoPerm(() -> redis.publish(channel, "forged"));
				}
				assertNoPerm(() -> redis.set(CHANNELS.publisherKey("published-sequence"), "999999"));
				assertNoPerm(() -> shutdown(redis));
				assertNoPerm(() -> redis.configSet("maxmemory", "1"));
				assertNoPerm(redis::flushall);
				assertThat(redis.ping()).isEqualTo("PONG");
			});
		}
	}

	@Test
	void thePublisherMayPublishOnlyOnHubChannelsAndTouchOnlyItsOwnKeys() {
		withCommands(redis.urlFor(BusRole.PUBLISHER, CHANNELS), (redis) -> {
			for (String channel : hubChannels()) {
				assertThat(redis.publish(channel, "event")).isNotNull();
			}
			assertThat(redis.set(CHANNELS.publisherKey("published-sequence"), "1")).isEqualTo("OK");
			assertNoPerm(() -> redis.publish("another:channel", "x"));
			assertNoPerm(() -> redis.publish(Channels.namespaced("other-hub").globalEvents(), "x"));
			assertNoPerm(() -> redis.set("someone-elses-key", "x"));
			assertNoPerm(() -> shutdown(redis));
			assertNoPerm(() -> redis.configGet("*"));
		});
	}

	@Test
	void aSubscriberMaySubscribeToItsOwnPatternsOnly() {
		RedisClient client = RedisClient.create(redis.urlFor(BusRole.DEVICE_SUBSCRIBER, CHANNELS));
		try (StatefulRedisPubSubConnection<String, String> pubsub = client.connectPubSub()) {
			pubsub.sync().psubscribe(CHANNELS.deviceStatePattern());
			pubsub.sync().subscribe(CHANNELS.globalEvents());
			assertNoPerm(() -> pubsub.sync().psubscribe(CHANNELS.userEventsPattern()));
			assertNoPerm(() -> pubsub.sync().psubscribe("*"));
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void aClientWithoutCredentialsMayNotPublishAndHearsNothing() throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), redis.port())) {
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			out.write(("PUBLISH " + CHANNELS.globalEvents() + " forged\r\n").getBytes(StandardCharsets.US_ASCII));
			assertThat(readLine(in)).startsWith("-NOAUTH");
			out.write(("PSUBSCRIBE " + CHANNELS.userEventsPattern() + "\r\n").getBytes(StandardCharsets.US_ASCII));
			assertThat(readLine(in)).startsWith("-NOAUTH");
			out.write("SHUTDOWN\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(readLine(in)).startsWith("-NOAUTH");

			withCommands(redis.urlFor(BusRole.PUBLISHER, CHANNELS),
					(publisher) -> publisher.publish(CHANNELS.userEvents("victim"), "private event"));

			assertThatExceptionOfType(SocketTimeoutException.class).as("nothing arrives").isThrownBy(in::read);
		}
		assertThat(redis.isRunning()).isTrue();
	}

	/** {@code SHUTDOWN}, waiting for the answer (Lettuce's own command does not). */
	private static void shutdown(RedisCommands<String, String> redis) {
		redis.dispatch(CommandType.SHUTDOWN, new StatusOutput<>(StringCodec.UTF8));
	}

	private static List<String> hubChannels() {
		return List.of(CHANNELS.deviceState("lamp-1"), CHANNELS.userEvents("alice"), CHANNELS.globalEvents());
	}

	private static void withCommands(String url, java.util.function.Consumer<RedisCommands<String, String>> action) {
		RedisClient client = RedisClient.create(url);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			action.accept(connection.sync());
		}
		finally {
			client.shutdown();
		}
	}

	private static void assertNoPerm(Runnable command) {
		assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(command::run)
			.withMessageStartingWith("NOPERM");
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
			line.append((char) c);
		}
		return line.toString().trim();
	}

}
