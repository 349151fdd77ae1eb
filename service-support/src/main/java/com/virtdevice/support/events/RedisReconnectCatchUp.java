package com.virtdevice.support.events;

import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.resource.ClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

import org.springframework.beans.factory.DisposableBean;

/**
 * After Redis comes back, asks the stream to catch up at once: Pub/Sub lost whatever was
 * published while the connection was down, and the next live event may be a long way off.
 * Lettuce itself re-establishes the subscription.
 */
final class RedisReconnectCatchUp implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RedisReconnectCatchUp.class);

	private final Disposable subscription;

	RedisReconnectCatchUp(ClientResources resources, EventStream stream) {
		this.subscription = resources.eventBus()
			.get()
			.filter(ConnectionActivatedEvent.class::isInstance)
			.subscribe((event) -> {
				log.info("Redis connection (re)activated: {}; catching up on missed events", event);
				stream.requestCatchUp();
			});
	}

	@Override
	public void destroy() {
		this.subscription.dispose();
	}

}
