package com.virtdevice.support.security;

/**
 * The token scopes of docs/contract.md §8, and the authority names Spring Security gives
 * them.
 */
public final class Scopes {

	/** Read one's own devices. */
	public static final String DEVICES_READ = "devices:read";

	/** Create, change and delete one's own devices. */
	public static final String DEVICES_WRITE = "devices:write";

	/** Receive one's own events (dashboards, IFTTT). */
	public static final String EVENTS_READ = "events:read";

	/** Read every user's events from the replay API (the hub's own services). */
	public static final String EVENTS_REPLAY = "events:replay";

	/** Read the audit log of one's own tenant. */
	public static final String ACTIVITY_READ = "activity:read";

	/** Operators and the hub's services: read across users and tenants. */
	public static final String OPS_READ = "ops:read";

	private Scopes() {
	}

	/** The Spring Security authority of a scope, e.g. {@code SCOPE_devices:read}. */
	public static String authority(String scope) {
		return "SCOPE_" + scope;
	}

}
