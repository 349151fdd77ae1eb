package com.virtdevice.drills.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import tools.jackson.databind.JsonNode;

/**
 * A raw Redis subscriber, as any consumer of the hub would write one: a pattern
 * subscription to {@code user:*:events} (which sees every sequence) that counts events by
 * eventId. Lettuce reconnects and resubscribes after a Redis restart; what the tap missed
 * meanwhile it fetches from the replay API ({@link #recoverGaps}), counted apart.
 */
public final class RedisTap implements AutoCloseable {

	private static final EventCodec codec = new EventCodec();

	private final ClientResources resources = ClientResources.builder()
		.reconnectDelay(Delay.constant(Duration.ofMillis(250)))
		.build();

	private final RedisClient client;

	private final StatefulRedisPubSubConnection<byte[], byte[]> connection;

	private final Arrivals live = new Arrivals("redis");

	private final Arrivals replayed = new Arrivals("redis (replayed)");

	private RedisTap(String redisUrl) {
		this.client = RedisClient.create(this.resources, redisUrl);
		this.client.setOptions(ClientOptions.builder().autoReconnect(true).build());
		this.connection = this.client.connectPubSub(ByteArrayCodec.INSTANCE);
		this.connection.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(byte[] pattern, byte[] channel, byte[] message) {
				DeviceStateEvent event = codec.decode(message);
				RedisTap.this.live.record(event.eventId(), event.sequence(), Instant.now());
			}
		});
		this.connection.sync().psubscribe(Channels.standard().userEventsPattern().getBytes(StandardCharsets.UTF_8));
	}

	public static RedisTap subscribe(String redisUrl) {
		return new RedisTap(redisUrl);
	}

	/** Events received over Redis. */
	public Arrivals live() {
		return this.live;
	}

	/** Events the tap fetched from the replay API because Redis did not bring them. */
	public Arrivals replayed() {
		return this.replayed;
	}

	/**
	 * Fetches the expected events the tap did not receive over Redis from the replay API,
	 * as a consumer fills a gap.
	 */
	public void recoverGaps(DrillHub hub, long afterSequence, Collection<UUID> expected) {
		if (this.live.hasAll(expected)) {
			return;
		}
		String token = hub.serviceToken();
		long after = afterSequence;
		while (true) {
			JsonNode page = hub.http()
				.get(hub.url("event-publisher") + "/api/events?afterSequence=" + after + "&limit=1000", token);
			JsonNode items = page.path("items");
			for (JsonNode item : items) {
				DeviceStateEvent event = codec.decode(item.toString().getBytes(StandardCharsets.UTF_8));
				if (this.live.of(event.eventId()) == null) {
					this.replayed.record(event.eventId(), event.sequence(), Instant.now());
				}
				after = event.sequence();
			}
			if (items.size() < 1000) {
				return;
			}
		}
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
		this.resources.shutdown();
	}

}
