package com.virtdevice.alexa.grant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;

/**
 * At start-up, before any token is read: refuses to start when linked grants are
 * encrypted with another key than the configured one (an instance without its peers' key
 * must not run, and must not unlink what it cannot read), then encrypts the tokens of
 * grants stored while they were bound to the user id alone again, for their tenant and
 * user ({@code token_binding} 1 → 2, migration V3). Users stay linked through the change;
 * a ciphertext moved to another tenant's row no longer decrypts.
 */
public final class TokenBindingUpgrade implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(TokenBindingUpgrade.class);

	private final Grants grants;

	private final boolean keyConfigured;

	/**
	 * @param grants the stored grants
	 * @param keyConfigured whether {@code virtdevice.alexa.token-encryption-key} is set;
	 * with a random key of this process only, grants of an earlier run are expected to be
	 * unreadable, and are only logged
	 */
	TokenBindingUpgrade(Grants grants, boolean keyConfigured) {
		this.grants = grants;
		this.keyConfigured = keyConfigured;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.keyConfigured) {
			this.grants.refuseGrantsOfAnotherKey();
		}
		else {
			long unreadable = this.grants.linkedWithOtherKeys();
			if (unreadable > 0) {
				log.warn("{} linked Alexa grant(s) of an earlier run cannot be read with this process's random key; "
						+ "they are left as they are and their users are not reported for until they link again",
						unreadable);
			}
		}
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
