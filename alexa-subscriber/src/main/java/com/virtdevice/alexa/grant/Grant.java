package com.virtdevice.alexa.grant;

import java.time.Instant;

/**
 * A linked user's grant, tokens decrypted. Secrets stay out of {@link #toString()}.
 *
 * @param userId the VirtDevice user
 * @param tenantId the user's tenant
 * @param region where the user's Alexa account lives
 * @param accessToken the current Event Gateway token
 * @param refreshToken the token that renews it
 * @param expiresAt when {@code accessToken} expires
 */
record Grant(String userId, String tenantId, Region region, String accessToken, String refreshToken,
		Instant expiresAt) {

	Grant with(LwaTokens tokens) {
		return new Grant(this.userId, this.tenantId, this.region, tokens.accessToken(), tokens.refreshToken(),
				tokens.expiresAt());
	}

	@Override
	public String toString() {
		return "Grant[userId=" + this.userId + ", region=" + this.region + ", expiresAt=" + this.expiresAt + "]";
	}

}
