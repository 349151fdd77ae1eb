package com.virtdevice.alexa.grant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;

/**
 * At start-up, before any token is read, encrypts the tokens of grants stored while they
 * were bound to the user id alone again, for their tenant and user ({@code token_binding}
 * 1 → 2, migration V3). Users stay linked through the change; a ciphertext moved to
 * another tenant's row no longer decrypts.
 */
public final class TokenBindingUpgrade implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(TokenBindingUpgrade.class);

	private final Grants grants;

	TokenBindingUpgrade(Grants grants) {
		this.grants = grants;
	}

	@Override
	public void afterPropertiesSet() {
		run();
	}

	/**
	 * Re-encrypts what is still bound to the user id alone.
	 * @return how many grants were re-encrypted
	 */
	public int run() {
		int rebound = this.grants.rebindUserOnlyTokens();
		if (rebound > 0) {
			log.info("Encrypted the Alexa tokens of {} grant(s) again, bound to their tenant and user", rebound);
		}
		return rebound;
	}

}
