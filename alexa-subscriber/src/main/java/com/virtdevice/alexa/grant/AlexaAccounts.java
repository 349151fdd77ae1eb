package com.virtdevice.alexa.grant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;

/** Linking and unlinking a user's Alexa account. */
final class AlexaAccounts {

	private static final Logger log = LoggerFactory.getLogger(AlexaAccounts.class);

	private final LwaClient lwa;

	private final Grants grants;

	private final ApplicationEventPublisher events;

	AlexaAccounts(LwaClient lwa, Grants grants, ApplicationEventPublisher events) {
		this.lwa = lwa;
		this.grants = grants;
		this.events = events;
	}

	/**
	 * Exchanges the AcceptGrant code at once (it lives only minutes) and stores the
	 * grant.
	 */
	GrantStatus link(String userId, String tenantId, LinkRequest request) {
		LwaTokens tokens;
		try {
			tokens = this.lwa.exchange(request.code());
		}
		catch (LwaRejected ex) {
			log.warn("Login with Amazon refused the AcceptGrant code of user {}: {}", userId, ex.error());
			throw ex.isInvalidGrant() ? new AuthorizationCodeRejected() : LoginWithAmazonFailed.refused(ex.error());
		}
		catch (LwaUnavailable ex) {
			log.warn("Could not exchange the AcceptGrant code of user {}: {}", userId, ex.getMessage());
			throw LoginWithAmazonFailed.unavailable();
		}
		this.grants.link(userId, tenantId, request.region(), tokens);
		log.info("User {} linked Alexa in region {}", userId, request.region());
		this.events.publishEvent(new AlexaLinked(userId));
		return new GrantStatus(true, request.region());
	}

	GrantStatus status(String userId, String tenantId) {
		return this.grants.linkedRegion(userId, tenantId)
			.map((region) -> new GrantStatus(true, region))
			.orElse(GrantStatus.NOT_LINKED);
	}

	void unlink(String userId, String tenantId) {
		String reason = "unlinked by the user";
		if (this.grants.unlink(userId, tenantId, reason)) {
			log.info("User {} unlinked Alexa", userId);
			this.events.publishEvent(new AlexaUnlinked(userId, reason));
		}
	}

}
