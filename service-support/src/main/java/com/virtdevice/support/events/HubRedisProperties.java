package com.virtdevice.support.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Redis settings beyond Spring Boot's {@code spring.data.redis.*}.
 *
 * @param channelNamespace prefix for every channel and key this hub uses, so that several
 * hubs (or test runs) can share one Redis; empty for the SPEC names
 */
@ConfigurationProperties("virtdevice.redis")
public record HubRedisProperties(@DefaultValue("") String channelNamespace) {

}
