package com.virtdevice.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.Channels;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FakePublisherTest {

	private final String namespace = TestInfrastructure.newChannelNamespace();

	private final FakePublisher publisher = FakePublisher.start(TestInfrastructure.redisUrl(), this.namespace)
		.device("dev-1", "alice", "acme", "Kitchen light", "LIGHT", Map.of("powerState", "OFF"))
		.device("dev-2", "bob", "acme", "Door", "LOCK", Map.of());

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void close() {
		this.publisher.close();
	}

	@Test
	void publishesChangesWithConsecutiveSequencesOnTheirChannels() throws Exception {
		RedisClient client = RedisClient.create(TestInfrastructure.redisUrl());
		try (StatefulRedisPubSubConnection<byte[], byte[]> subscriber = client.connectPubSub(ByteArrayCodec.INSTANCE)) {
			BlockingQueue<DeviceStateEvent> received = new LinkedBlockingQueue<>();
			subscriber.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void message(byte[] pattern, byte[] channel, byte[] message) {
					received.add(new EventCodec().decode(message));
				}
			});
			subscriber.sync().psubscribe(Channels.namespaced(this.namespace).deviceStatePattern().getBytes());

			DeviceStateEvent first = this.publisher.change("dev-1", "powerState", "ON", ChangeSource.WEB);
			DeviceStateEvent second = this.publisher.change("dev-1", "powerState", "OFF", ChangeSource.ALEXA);

			assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(first);
			assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(second);
			assertThat(first.sequence()).isEqualTo(1);
			assertThat(first.oldValue()).isEqualTo("OFF");
			assertThat(second.oldValue()).isEqualTo("ON");
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void servesEveryEventToAServiceTokenAndOnlyTheirOwnToAUser() throws Exception {
		this.publisher.change("dev-1", "powerState", "ON", ChangeSource.WEB);
		this.publisher.recordOnly("dev-2", "lockState", "LOCKED", ChangeSource.API);
		this.publisher.change("dev-1", "powerState", "OFF", ChangeSource.WEB);

		String service = TestTokens.forUser("service-x", "system").scopes("events:replay").sign();
		String bob = TestTokens.forUser("bob", "acme").scopes("events:read").sign();

		assertThat(get("/api/events?afterSequence=1&limit=10", service))
			.contains("\"sequence\":2", "\"sequence\":3", "\"latestSequence\":3")
			.doesNotContain("\"sequence\":1,");
		assertThat(get("/api/events?afterSequence=0&limit=10", bob)).contains("\"sequence\":2")
			.doesNotContain("\"sequence\":1,", "\"sequence\":3,");
		assertThat(get("/api/devices/dev-1", service)).contains("\"name\":\"Kitchen light\"", "\"powerState\":\"OFF\"");
	}

	private String get(String path, String token) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create(this.publisher.baseUrl() + path))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
