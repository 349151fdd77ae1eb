package com.virtdevice.support.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis settings beyond Spring Boot's {@code spring.data.redis.*}.
 *
 * @param channelNamespace prefix for every channel and key this hub uses, so that several
 * hubs (or test runs) can share one Redis; empty for the SPEC names
 * @param maxReconnectDelay longest wait between two attempts to reconnect to Redis
 * (Lettuce's own default backs off to 30 s, which kept services away for seconds after
 * Redis was back)
 */
@ConfigurationProperties("virtdevice.redis")
public record HubRedisProperties(@DefaultValue("") String channelNamespace,
		@DefaultValue("1s") Duration maxReconnectDelay) {

}
