package com.virtdevice.support.security;

import java.util.Set;

/**
 * The {@code iss} values the hub itself puts in tokens. Tokens of the two local issuers
 * are accepted only where the local sign-in is enabled
 * ({@code virtdevice.security.jwt.dev-sign-in.enabled}).
 */
public final class TokenIssuers {

	/**
	 * The hub's own issuer: service tokens signed with the HS256 secret, and the default
	 * of {@code virtdevice.security.jwt.issuers} in that mode.
	 */
	public static final String HUB = "virtdevice-hub";

	/** Tokens minted by the dashboard's local sign-in ({@code POST /dev/sign-in}). */
	public static final String DEV_SIGN_IN = "virtdevice-dashboard-dev-sign-in";

	/** Tokens minted by ifttt-subscriber's test setup for IFTTT's endpoint tests. */
	public static final String IFTTT_TEST_SETUP = "virtdevice-ifttt-test-setup";

	/** The issuers that mint tokens for anyone who asks, with no identity provider. */
	public static final Set<String> LOCAL = Set.of(DEV_SIGN_IN, IFTTT_TEST_SETUP);

	private TokenIssuers() {
	}

}
