package com.virtdevice.support.redis;

import com.virtdevice.events.BusRole;
import com.virtdevice.events.Channels;
import com.virtdevice.support.events.HubEventListener;
import com.virtdevice.support.events.HubEventListener.StreamChannels;
import com.virtdevice.support.events.HubEventsAutoConfiguration;
import com.virtdevice.support.events.HubRedisProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The start-up check of this service's Redis permissions ({@link BusPostureCheck}) and
 * its health component, {@code redisBus}.
 */
@AutoConfiguration(after = HubEventsAutoConfiguration.class)
@ConditionalOnBean(LettuceConnectionFactory.class)
public class HubRedisAutoConfiguration {

	@Bean
	BusPostureCheck busPostureCheck(LettuceConnectionFactory connections, Channels channels,
			HubRedisProperties properties, ObjectProvider<HubEventListener> listeners, Environment environment) {
		BusRole role = role(listeners.getIfAvailable(), environment.getProperty("spring.application.name", ""));
		return new BusPostureCheck(connections, channels, role, environment.matchesProfiles("prod | production"),
				properties.acceptOpenBus());
	}

	@Bean
	BusPostureHealthIndicator redisBusHealthIndicator(BusPostureCheck check) {
		return new BusPostureHealthIndicator(check);
	}

	/** A consumer's role follows its subscription; otherwise the service's name. */
	private static @Nullable BusRole role(@Nullable HubEventListener listener, String applicationName) {
		if (listener != null) {
			return (listener.channels() == StreamChannels.USERS) ? BusRole.USER_SUBSCRIBER : BusRole.DEVICE_SUBSCRIBER;
		}
		try {
			return BusRole.ofService(applicationName);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
