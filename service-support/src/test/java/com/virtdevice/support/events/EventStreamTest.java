package com.virtdevice.support.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventStreamTest {

	@Test
	void asksTheServiceAgainWhenItCannotYetSayWhereItLeftOff() {
		AtomicInteger asked = new AtomicInteger();
		List<Long> delivered = new CopyOnWriteArrayList<>();
		HubEventListener listener = new HubEventListener() {
			@Override
			public StreamChannels channels() {
				return StreamChannels.DEVICES_AND_GLOBAL;
			}

			@Override
			public OptionalLong lastHandledSequence() {
				if (asked.incrementAndGet() < 3) {
					throw new IllegalStateException("database not reachable yet");
				}
				return OptionalLong.of(0);
			}

			@Override
			public void onEvents(List<StreamedEvent> events) {
				events.forEach((event) -> delivered.add(event.sequence()));
			}
		};
		List<DeviceStateEvent> published = LongStream.rangeClosed(1, 3).mapToObj(EventStreamTest::event).toList();
		EventStream stream = new EventStream(listener, new RedisMessageListenerContainer(), Channels.standard(),
				new EventCodec(), (after, limit) -> new ReplayPage(published, 3, 3),
				new EventStreamProperties(100, Duration.ofHours(1), 100, Duration.ofMillis(100)),
				new SimpleMeterRegistry());

		stream.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 3);
		}
		finally {
			stream.stop();
		}

		assertThat(asked).hasValue(3);
		assertThat(delivered).containsExactly(1L, 2L, 3L);
	}

	private static DeviceStateEvent event(long sequence) {
		return DeviceStateEvent.propertyChanged(UUID.randomUUID(), sequence, "d", "u", "t", "p", null, "v",
				ChangeSource.API, Instant.now());
	}

}
