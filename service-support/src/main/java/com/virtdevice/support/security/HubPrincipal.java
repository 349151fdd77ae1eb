package com.virtdevice.support.security;

import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller, as the token describes it: {@code sub} is the user, {@code tenant} the
 * tenant, {@code scope} the granted scopes. Controllers take it as a method parameter.
 *
 * @param userId the {@code sub} claim
 * @param tenantId the {@code tenant} claim
 * @param scopes the scopes of the {@code scope} claim
 * @param token the raw token, for calls made on the caller's behalf
 */
public record HubPrincipal(String userId, String tenantId, Set<String> scopes, String token) {

	/** The claim that carries the tenant. */
	public static final String TENANT_CLAIM = "tenant";

	/** Reads the principal from a validated token. */
	public static HubPrincipal of(Jwt jwt) {
		String scope = jwt.getClaimAsString("scope");
		Set<String> scopes = (scope == null || scope.isBlank()) ? Set.of() : Set.of(scope.trim().split("\\s+"));
		return new HubPrincipal(jwt.getSubject(), jwt.getClaimAsString(TENANT_CLAIM), scopes, jwt.getTokenValue());
	}

	public boolean hasScope(String scope) {
		return this.scopes.contains(scope);
	}

	/** Operators and the hub's own services may read across users and tenants. */
	public boolean isOperator() {
		return hasScope(Scopes.OPS_READ);
	}

	@Override
	public String toString() {
		return "HubPrincipal[userId=" + this.userId + ", tenantId=" + this.tenantId + ", scopes=" + this.scopes + "]";
	}

}
