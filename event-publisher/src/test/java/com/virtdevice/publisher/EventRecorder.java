package com.virtdevice.publisher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.awaitility.Awaitility;

/**
 * A real Redis subscriber for tests: pattern-subscribes to every channel of a namespace
 * and records what arrives, with the channel it arrived on.
 */
public final class EventRecorder implements AutoCloseable {

	private final EventCodec codec = new EventCodec();

	private final RedisClient client;

	private final StatefulRedisPubSubConnection<byte[], byte[]> connection;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	public EventRecorder(String redisUrl, String namespace) {
		this.client = RedisClient.create(redisUrl);
		this.connection = this.client.connectPubSub(ByteArrayCodec.INSTANCE);
		this.connection.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(byte[] pattern, byte[] channel, byte[] message) {
				EventRecorder.this.received.add(new Received(new String(channel, StandardCharsets.UTF_8),
						EventRecorder.this.codec.decode(message)));
			}
		});
		this.connection.sync().psubscribe((namespace + ":*").getBytes(StandardCharsets.UTF_8));
	}

	/** Everything received so far. */
	public List<Received> all() {
		return List.copyOf(this.received);
	}

	/** Events of one device, in arrival order (each once per channel). */
	public List<Received> ofDevice(String deviceId) {
		return this.received.stream().filter((r) -> r.event().deviceId().equals(deviceId)).toList();
	}

	/** Waits until at least {@code count} messages match. */
	public List<Received> await(Predicate<Received> matching, int count) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> this.received.stream().filter(matching).count() >= count);
		return this.received.stream().filter(matching).toList();
	}

	/**
	 * Checks that exactly {@code count} messages match and that no more arrive for a
	 * while (a repeat or a late duplicate would).
	 */
	public void assertStaysAt(Predicate<Received> matching, int count) {
		Awaitility.await()
			.during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.received.stream().filter(matching).count() == count);
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

	/**
	 * @param channel the channel it arrived on
	 * @param event the event
	 */
	public record Received(String channel, DeviceStateEvent event) {
	}

}
