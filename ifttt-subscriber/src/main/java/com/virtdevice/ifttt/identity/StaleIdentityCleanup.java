package com.virtdevice.ifttt.identity;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import com.virtdevice.ifttt.IftttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets trigger identities IFTTT stopped polling with (an applet deleted while this
 * service could not hear about it). Their users are then notified by {@code user_id},
 * which IFTTT answers by polling all of the user's applets.
 */
@Component
class StaleIdentityCleanup {

	private static final Logger log = LoggerFactory.getLogger(StaleIdentityCleanup.class);

	private final TriggerIdentities identities;

	private final IftttProperties properties;

	private final Clock clock;

	StaleIdentityCleanup(TriggerIdentities identities, IftttProperties properties) {
		this.identities = identities;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	@Scheduled(initialDelay = 5, fixedDelay = 60, timeUnit = TimeUnit.MINUTES)
	void forgetStaleIdentities() {
		try {
			int forgotten = this.identities
				.forgetNotPolledSince(this.clock.instant().minus(this.properties.identities().ttl()));
			if (forgotten > 0) {
				log.info("Forgot {} trigger identit(ies) IFTTT has not polled with for {}", forgotten,
						this.properties.identities().ttl());
			}
		}
		catch (DataAccessException ex) {
			log.warn("Could not forget stale trigger identities; trying again later: {}", ex.getMessage());
		}
	}

}
