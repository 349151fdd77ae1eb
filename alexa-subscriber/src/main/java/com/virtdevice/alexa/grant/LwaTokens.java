package com.virtdevice.alexa.grant;

import java.time.Instant;

/**
 * What Login with Amazon issued: secrets, so {@link #toString()} never shows them.
 *
 * @param accessToken the Event Gateway bearer token ({@code Atza|…})
 * @param refreshToken the token that renews it ({@code Atzr|…})
 * @param expiresAt when the access token expires
 */
record LwaTokens(String accessToken, String refreshToken, Instant expiresAt) {

	@Override
	public String toString() {
		return "LwaTokens[accessToken=***, refreshToken=***, expiresAt=" + this.expiresAt + "]";
	}

}
