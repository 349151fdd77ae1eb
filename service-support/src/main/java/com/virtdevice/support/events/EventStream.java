package com.virtdevice.support.events;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.events.InvalidEventException;
import com.virtdevice.support.events.HubEventListener.StreamChannels;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.listener.Topic;

/**
 * A service's one subscription to the hub's events. The Redis listener thread only queues
 * the raw message; one dispatcher thread decodes it, puts it in sequence order with
 * {@link StreamSequencer} and calls the service's {@link HubEventListener}. A full queue
 * never blocks Redis: the message is counted and fetched from the replay API later.
 */
public final class EventStream implements MessageListener, SmartLifecycle {

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

	private final AtomicLong rejectedLogged = new AtomicLong();

	private volatile @Nullable Thread dispatcher;

	EventStream(HubEventListener listener, RedisMessageListenerContainer container, Channels channels, EventCodec codec,
			ReplaySource replay, EventStreamProperties properties,
			io.micrometer.core.instrument.MeterRegistry registry) {
		this.listener = listener;
		this.container = container;
		this.channels = channels;
		this.codec = codec;
		this.properties = properties;
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.metrics = new EventStreamMetrics(registry, this.queue::size, this::position);
		this.sequencer = new StreamSequencer(listener::onEvent, replay, listener.gapPolicy(),
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
			this.metrics.overflow();
		}
	}

	/** Asks the dispatcher to fetch anything missed at the tail (after a reconnect). */
	public void requestCatchUp() {
		this.queue.offer(CATCH_UP);
	}

	@Override
	public void start() {
		Thread thread = new Thread(this::dispatch, "event-stream");
		thread.setDaemon(true);
		this.dispatcher = thread;
		thread.start();
	}

	@Override
	public void stop() {
		Thread thread = this.dispatcher;
		this.dispatcher = null;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		Thread thread = this.dispatcher;
		return thread != null && thread.isAlive();
	}

	/** Stop before the container so no message arrives for a stopped dispatcher. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 200;
	}

	/** Sequence of the last event delivered, or -1 before the first. */
	public long position() {
		return this.sequencer.position();
	}

	/** The newest sequence the replay API reported. */
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

	private void dispatch() {
		try {
			this.sequencer.start(startingPosition());
			long interval = this.properties.catchUpInterval().toMillis();
			while (!Thread.currentThread().isInterrupted()) {
				Object next = this.queue.poll(interval, TimeUnit.MILLISECONDS);
				if (next == null || next == CATCH_UP) {
					this.sequencer.catchUp();
				}
				else {
					receive((Message) next);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.error("The event stream's dispatcher stopped", ex);
		}
	}

	/**
	 * Where the service left off; asked again with a pause while its store cannot say.
	 */
	private java.util.OptionalLong startingPosition() throws InterruptedException {
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
		String channel = new String(message.getChannel(), java.nio.charset.StandardCharsets.UTF_8);
		byte[] body = message.getBody();
		DeviceStateEvent event;
		try {
			event = this.codec.decode(body);
			requireOnItsChannel(event, channel);
		}
		catch (InvalidEventException ex) {
			this.metrics.rejected();
			long logged = this.rejectedLogged.incrementAndGet();
			if (logged <= 10 || logged % 1000 == 0) {
				log.warn("Rejected a message on {} ({} so far): {}", channel, logged, ex.getMessage());
			}
			return;
		}
		this.sequencer.onLive(event, body);
	}

	private void requireOnItsChannel(DeviceStateEvent event, String channel) {
		if (!this.channels.channelsFor(event).contains(channel)) {
			throw new InvalidEventException(
					"event " + event.eventId() + " of device " + event.deviceId() + " does not belong on this channel");
		}
	}

}
