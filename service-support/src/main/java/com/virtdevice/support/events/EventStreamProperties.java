package com.virtdevice.support.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service receives events.
 *
 * @param queueCapacity messages buffered between the Redis listener thread and the
 * dispatcher; when full, further messages are not dropped silently but counted and
 * fetched from the replay API later
 * @param catchUpInterval how often the dispatcher asks the replay API for events it may
 * have missed at the tail of the stream (also done at once after a Redis reconnect)
 * @param replayPageSize events per replay API request
 * @param maxRetryBackoff longest wait between attempts to read the replay API
 */
@ConfigurationProperties("virtdevice.events")
public record EventStreamProperties(@DefaultValue("10000") int queueCapacity,
		@DefaultValue("15s") Duration catchUpInterval, @DefaultValue("500") int replayPageSize,
		@DefaultValue("30s") Duration maxRetryBackoff) {

}
