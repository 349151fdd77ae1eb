package com.virtdevice.support.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.events.InvalidEventException;
import com.virtdevice.support.events.HubEventListener.StreamChannels;
import com.virtdevice.support.lifecycle.BackgroundWorker;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.listener.Topic;

/**
 * A service's one subscription to the hub's events. The Redis listener thread only queues
 * the raw message; one dispatcher thread takes what has queued up, decodes it, puts it in
 * sequence order with {@link StreamSequencer} and hands the batch to the service's
 * {@link HubEventListener}. A full queue never blocks Redis: the message is counted, and
 * the stream reads it back from the replay API as soon as the dispatcher catches up.
 */
public final class EventStream extends BackgroundWorker implements MessageListener {

	private static final Logger log = LoggerFactory.getLogger(EventStream.class);

	private static final Object CATCH_UP = new Object();

	private final HubEventListener listener;

	private final RedisMessageListenerContainer container;

	private final Channels channels;

	private final EventCodec codec;

	private final EventStreamProperties properties;

	private final BlockingQueue<Object> queue;

	private final StreamSequencer sequencer;

	private final EventStreamMetrics metrics;

	private final AtomicBoolean overflowed = new AtomicBoolean();

	private final AtomicLong rejectedLogged = new AtomicLong();

	EventStream(HubEventListener listener, RedisMessageListenerContainer container, Channels channels, EventCodec codec,
			ReplaySource replay, EventStreamProperties properties, MeterRegistry registry) {
		super("event-stream", Duration.ofSeconds(5));
		this.listener = listener;
		this.container = container;
		this.channels = channels;
		this.codec = codec;
		this.properties = properties;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.metrics = new EventStreamMetrics(registry, this.queue::size, this::position);
		this.sequencer = new StreamSequencer(listener::onEvents, replay, listener.gapPolicy(),
				properties.replayPageSize(), properties.maxRetryBackoff(), codec, this.metrics);
		container.addMessageListener(this, topics());
	}

	/** The Redis topics this stream subscribes to. */
	List<Topic> topics() {
		if (this.listener.channels() == StreamChannels.USERS) {
			return List.of(new PatternTopic(this.channels.userEventsPattern()));
		}
		return List.of(new PatternTopic(this.channels.deviceStatePattern()),
				new ChannelTopic(this.channels.globalEvents()));
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		if (!this.queue.offer(message)) {
			this.overflowed.set(true);
			this.metrics.overflow();
		}
	}

	/** Asks the dispatcher to fetch anything missed at the tail (after a reconnect). */
	public void requestCatchUp() {
		if (!this.queue.offer(CATCH_UP)) {
			this.overflowed.set(true);
		}
	}

	/** Stop before the container so no message arrives for a stopped dispatcher. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 200;
	}

	/** Sequence of the last event accepted, or -1 before the first. */
	public long position() {
		return this.sequencer.position();
	}

	/** The newest sequence known to be published. */
	public long latestKnownSequence() {
		return this.sequencer.latestKnown();
	}

	public int queued() {
		return this.queue.size();
	}

	public boolean isSubscribed() {
		return this.container.isRunning() && this.container.isListening();
	}

	/** The replay API's failure, while it lasts. */
	@Nullable ReplayFailure replayFailure() {
		return this.sequencer.replayFailure();
	}

	EventStreamMetrics metrics() {
		return this.metrics;
	}

	@Override
	protected void work() throws InterruptedException {
		this.sequencer.start(startingPosition());
		long interval = this.properties.catchUpInterval().toNanos();
		long lastCheck = System.nanoTime();
		List<Object> taken = new ArrayList<>(this.properties.replayPageSize());
		while (!Thread.currentThread().isInterrupted()) {
			Object first = this.queue.poll(Math.max(1, interval - (System.nanoTime() - lastCheck)),
					TimeUnit.NANOSECONDS);
			if (first != null) {
				taken.add(first);
				this.queue.drainTo(taken, this.properties.replayPageSize() - 1);
				handle(taken);
				taken.clear();
			}
			if (this.overflowed.getAndSet(false)) {
				this.sequencer.catchUp();
			}
			if (System.nanoTime() - lastCheck >= interval) {
				lastCheck = System.nanoTime();
				checkTail();
			}
		}
	}

	private void handle(List<Object> taken) {
		for (Object item : taken) {
			if (item == CATCH_UP) {
				this.sequencer.catchUp();
			}
			else {
				receive((Message) item);
			}
		}
		this.sequencer.flush();
	}

	/**
	 * Once per catch-up interval: a quiet stream asks the replay API for a missed tail; a
	 * busy one only asks where the publisher is (for lag and the replay API's health).
	 */
	private void checkTail() {
		if (this.queue.isEmpty()) {
			this.sequencer.catchUp();
		}
		else {
			this.sequencer.probe();
		}
	}

	/**
	 * Where the service left off; asked again with a pause while its store cannot say.
	 */
	private OptionalLong startingPosition() throws InterruptedException {
		for (int attempt = 1;; attempt++) {
			try {
				return this.listener.lastHandledSequence();
			}
			catch (RuntimeException ex) {
				if (attempt == 1 || attempt % 10 == 0) {
					log.warn("Cannot tell where this service left off (attempt {}); retrying: {}", attempt,
							ex.getMessage());
				}
				Thread.sleep(Math.min(this.properties.maxRetryBackoff().toMillis(), 500L * attempt));
			}
		}
	}

	private void receive(Message message) {
		byte[] body = message.getBody();
		DeviceStateEvent event;
		try {
			event = this.codec.decode(body);
			requireOnItsChannel(event, message.getChannel());
		}
		catch (InvalidEventException ex) {
			this.metrics.rejected();
			long logged = this.rejectedLogged.incrementAndGet();
			if (logged <= 10 || logged % 1000 == 0) {
				log.warn("Rejected a message on {} ({} so far): {}",
						new String(message.getChannel(), StandardCharsets.UTF_8), logged, ex.getMessage());
			}
			return;
		}
		this.sequencer.onLive(event, body);
	}

	private void requireOnItsChannel(DeviceStateEvent event, byte[] channel) {
		String name = new String(channel, StandardCharsets.UTF_8);
		if (!this.channels.channelsFor(event).contains(name)) {
			throw new InvalidEventException(
					"event " + event.eventId() + " of device " + event.deviceId() + " does not belong on this channel");
		}
	}

}
