package com.virtdevice.support.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis settings beyond Spring Boot's {@code spring.data.redis.*}.
 *
 * @param channelNamespace prefix for every channel and key this hub uses, so that several
 * hubs (or test runs) can share one Redis; empty for the standard names
 * @param maxReconnectDelay longest wait between two attempts to reconnect to Redis
 * (Lettuce's own default backs off to 30 s, which kept services away for seconds after
 * Redis was back)
 * @param acceptOpenBus with a production profile, start even when this service's Redis
 * user may do more than it needs (publish on the hub's channels, run admin commands): the
 * operator accepts that anyone with these credentials can forge events
 */
@ConfigurationProperties("virtdevice.redis")
public record HubRedisProperties(@DefaultValue("") String channelNamespace,
		@DefaultValue("1s") Duration maxReconnectDelay, @DefaultValue("false") boolean acceptOpenBus) {

}
