package com.virtdevice.support.events;

import java.time.Duration;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lettuce's default reconnect backoff grows to 30 s, so a service came back up to ~8 s
 * after a 10 s Redis outage had ended; the hub caps it.
 */
class RedisReconnectDelayTest {

	@Test
	void reconnectAttemptsAreNeverMoreThanTheConfiguredDelayApart() {
		ClientResources.Builder builder = ClientResources.builder();
		new HubEventsAutoConfiguration()
			.hubRedisReconnectDelay(new HubRedisProperties("", Duration.ofSeconds(1), false))
			.customize(builder);
		ClientResources resources = builder.build();
		try {
			Delay delay = resources.reconnectDelay();
			assertThat(delay.createDelay(1)).isLessThanOrEqualTo(Duration.ofMillis(200));
			for (long attempt = 1; attempt <= 40; attempt++) {
				assertThat(delay.createDelay(attempt)).as("delay before attempt " + attempt)
					.isLessThanOrEqualTo(Duration.ofSeconds(1));
			}
			assertThat(delay.createDelay(40)).isEqualTo(Duration.ofSeconds(1));
		}
		finally {
			resources.shutdown();
		}
	}

}
