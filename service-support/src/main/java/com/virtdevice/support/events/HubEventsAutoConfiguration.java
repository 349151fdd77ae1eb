package com.virtdevice.support.events;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.virtdevice.events.Channels;
import com.virtdevice.events.EventCodec;
import com.virtdevice.support.security.ServiceTokens;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Channel names, the codec, the replay client and — in services that declare a
 * {@link HubEventListener} — the one Redis subscription and its ordered event stream.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"com.virtdevice.support.security.HubSecurityAutoConfiguration" })
@EnableConfigurationProperties({ HubRedisProperties.class, EventStreamProperties.class,
		PublisherClientProperties.class })
public class HubEventsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Channels channels(HubRedisProperties properties) {
		return Channels.namespaced(properties.channelNamespace());
	}

	/**
	 * Reconnects to Redis at most {@code virtdevice.redis.max-reconnect-delay} apart, so
	 * that publishing and subscriptions resume within about a second of Redis coming
	 * back.
	 */
	@Bean
	ClientResourcesBuilderCustomizer hubRedisReconnectDelay(HubRedisProperties properties) {
		return (builder) -> builder.reconnectDelay(
				Delay.exponential(Duration.ofMillis(50), properties.maxReconnectDelay(), 2, TimeUnit.MILLISECONDS));
	}

	@Bean
	@ConditionalOnMissingBean
	EventCodec eventCodec() {
		return new EventCodec();
	}

	@Bean
	@ConditionalOnMissingBean
	ReplayClient replayClient(PublisherClientProperties publisher, ServiceTokens tokens, EventCodec codec,
			ObjectProvider<RestClient.Builder> builders) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
		requests.setReadTimeout(Duration.ofSeconds(10));
		RestClient http = builders.getIfAvailable(RestClient::builder)
			.baseUrl(publisher.url())
			.requestFactory(requests)
			.build();
		return new ReplayClient(http, tokens, codec);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(HubEventListener.class)
	static class EventStreamConfiguration {

		/**
		 * The service's one listener container; listeners run on Lettuce's thread and
		 * only queue.
		 */
		@Bean
		@ConditionalOnMissingBean
		RedisMessageListenerContainer redisMessageListenerContainer(RedisConnectionFactory connections) {
			RedisMessageListenerContainer container = new RedisMessageListenerContainer();
			container.setConnectionFactory(connections);
			container.setTaskExecutor(new SyncTaskExecutor());
			return container;
		}

		@Bean
		EventStream eventStream(HubEventListener listener, RedisMessageListenerContainer container, Channels channels,
				EventCodec codec, ReplayClient replay, EventStreamProperties properties, MeterRegistry registry) {
			return new EventStream(listener, container, channels, codec, replay, properties, registry);
		}

		@Bean
		EventStreamHealthIndicator eventStreamHealthIndicator(EventStream stream) {
			return new EventStreamHealthIndicator(stream);
		}

		@Bean
		ServiceTokenHealthIndicator serviceTokenHealthIndicator(ServiceTokens tokens) {
			return new ServiceTokenHealthIndicator(tokens);
		}

		@Bean
		@ConditionalOnBean(ClientResources.class)
		RedisReconnectCatchUp redisReconnectCatchUp(ClientResources resources, EventStream stream) {
			return new RedisReconnectCatchUp(resources, stream);
		}

	}

}
