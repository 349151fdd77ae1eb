package com.virtdevice.dashboard.relay;

import java.security.Principal;
import java.time.Instant;

import com.virtdevice.support.security.HubPrincipal;

/**
 * The user of a STOMP session, as its CONNECT token says. Its name is the user id, which
 * is what routes events to the session.
 *
 * @param principal the token's user, tenant and scopes (and the token, for the replay
 * API)
 * @param expiresAt when the token expires; the session is closed then
 */
record StompUser(HubPrincipal principal, Instant expiresAt) implements Principal {

	@Override
	public String getName() {
		return this.principal.userId();
	}

	/**
	 * Whether the event is this user's: same user id in the same tenant (a user id alone
	 * is not unique across tenants, and {@code user:{id}:events} carries both).
	 */
	boolean owns(com.virtdevice.events.DeviceStateEvent event) {
		return this.principal.userId().equals(event.userId()) && this.principal.tenantId().equals(event.tenantId());
	}

	String token() {
		return this.principal.token();
	}

	@Override
	public String toString() {
		return "StompUser[" + this.principal + ", expiresAt=" + this.expiresAt + "]";
	}

}
