package com.virtdevice.testsupport;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Data Redis (Lettuce) pattern subscription on {@code device:*:state} receives a
 * published event, round-tripped through the codec, on the real test Redis.
 */
@SpringBootTest(classes = RedisPatternSubscriptionTest.App.class)
@RealInfrastructure
class RedisPatternSubscriptionTest {

	private final EventCodec codec = new EventCodec();

	@Autowired
	private RedisConnectionFactory connectionFactory;

	@Autowired
	private Environment environment;

	private RedisMessageListenerContainer container;

	@AfterEach
	void stopContainer() throws Exception {
		if (this.container != null) {
			this.container.destroy();
		}
	}

	@Test
	void aPatternSubscriptionReceivesAPublishedEventThroughTheCodec() throws Exception {
		Channels channels = Channels
			.namespaced(this.environment.getRequiredProperty("virtdevice.redis.channel-namespace"));
		BlockingQueue<DeviceStateEvent> received = subscribe(channels.deviceStatePattern());
		DeviceStateEvent sent = DeviceStateEvent.propertyChanged(UUID.randomUUID(), 1, "dev-" + UUID.randomUUID(),
				"user-1", "tenant-1", "powerState", "OFF", "ON", ChangeSource.WEB, Instant.now());

		Long receivers = publish(channels.deviceState(sent.deviceId()), this.codec.encode(sent));

		assertThat(receivers).isEqualTo(1);
		assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(sent);
	}

	@Test
	void aSubscriptionDoesNotHearAnotherNamespace() throws Exception {
		Channels mine = Channels.namespaced(this.environment.getRequiredProperty("virtdevice.redis.channel-namespace"));
		Channels other = Channels.namespaced(TestInfrastructure.newChannelNamespace());
		BlockingQueue<DeviceStateEvent> received = subscribe(mine.deviceStatePattern());
		DeviceStateEvent elsewhere = DeviceStateEvent.propertyChanged(UUID.randomUUID(), 1, "dev-x", "u", "t", "p",
				null, "v", ChangeSource.API, Instant.now());
		DeviceStateEvent here = DeviceStateEvent.propertyChanged(UUID.randomUUID(), 2, "dev-y", "u", "t", "p", null,
				"v", ChangeSource.API, Instant.now());

		publish(other.deviceState(elsewhere.deviceId()), this.codec.encode(elsewhere));
		publish(mine.deviceState(here.deviceId()), this.codec.encode(here));

		assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(here);
		assertThat(received).isEmpty();
	}

	private BlockingQueue<DeviceStateEvent> subscribe(String pattern) {
		BlockingQueue<DeviceStateEvent> received = new LinkedBlockingQueue<>();
		this.container = new RedisMessageListenerContainer();
		this.container.setConnectionFactory(this.connectionFactory);
		this.container.addMessageListener((message, channel) -> received.add(this.codec.decode(message.getBody())),
				new PatternTopic(pattern));
		this.container.afterPropertiesSet();
		this.container.start();
		return received;
	}

	private Long publish(String channel, byte[] message) {
		try (var connection = this.connectionFactory.getConnection()) {
			return connection.publish(channel.getBytes(), message);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
