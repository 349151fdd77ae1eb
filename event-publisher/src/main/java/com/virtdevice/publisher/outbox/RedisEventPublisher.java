package com.virtdevice.publisher.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;

import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.GenericToStringSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.stereotype.Component;

/**
 * Publishes sequenced events to their Redis channels in one atomic script per batch. The
 * script remembers the highest sequence it published and skips anything not above it, so
 * a batch published twice — by a relay retrying after a lost reply, or by an old leader
 * that has not yet noticed it lost its lock — reaches subscribers once.
 */
@Component
class RedisEventPublisher {

	private static final RedisScript<Long> PUBLISH = RedisScript.of("""
			local last = tonumber(redis.call('GET', KEYS[1]) or '0')
			local published = 0
			for i = 1, #ARGV, 4 do
			  local sequence = tonumber(ARGV[i])
			  if sequence > last then
			    redis.call('PUBLISH', ARGV[i + 1], ARGV[i + 3])
			    redis.call('PUBLISH', ARGV[i + 2], ARGV[i + 3])
			    last = sequence
			    published = published + 1
			  end
			end
			redis.call('SET', KEYS[1], last)
			return published
			""", Long.class);

	private static final GenericToStringSerializer<Long> RESULT = new GenericToStringSerializer<>(Long.class);

	private final RedisTemplate<String, byte[]> redis;

	private final Channels channels;

	private final EventCodec codec;

	private final String fenceKey;

	RedisEventPublisher(RedisTemplate<String, byte[]> publisherRedisTemplate, Channels channels, EventCodec codec) {
		this.redis = publisherRedisTemplate;
		this.channels = channels;
		this.codec = codec;
		this.fenceKey = channels.publisherKey("published-sequence");
	}

	/**
	 * Publishes the events (in sequence order) and returns how many were new to Redis.
	 * @throws org.springframework.dao.DataAccessException if Redis cannot be reached
	 */
	long publish(List<DeviceStateEvent> events) {
		List<Object> args = new ArrayList<>(events.size() * 4);
		for (DeviceStateEvent event : events) {
			List<String> targets = this.channels.channelsFor(event);
			args.add(bytes(Long.toString(event.sequence())));
			args.add(bytes(targets.get(0)));
			args.add(bytes(targets.get(1)));
			args.add(this.codec.encode(event));
		}
		Long published = this.redis.execute(PUBLISH, RedisSerializer.byteArray(), RESULT, List.of(this.fenceKey),
				args.toArray());
		return (published != null) ? published : 0;
	}

	/**
	 * The highest sequence Redis has seen published, or 0 if it does not know
	 * (restarted).
	 */
	long publishedSequence() {
		byte[] value = this.redis.opsForValue().get(this.fenceKey);
		return (value != null) ? Long.parseLong(new String(value, StandardCharsets.US_ASCII)) : 0;
	}

	/** Moves the fence back, after the publisher's own stream was reset. */
	void resetPublishedSequence(long sequence) {
		this.redis.opsForValue().set(this.fenceKey, bytes(Long.toString(sequence)));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
