package com.virtdevice.ifttt.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A hub user as IFTTT knows them. A user id is unique only within its tenant
 * (docs/contract.md §8), so IFTTT's user id — what {@code /user/info} answers and
 * Realtime {@code user_id} notifications name — is the tenant and the user together:
 * {@code tenant:user}, each part percent-encoded so that no two pairs give the same id.
 *
 * @param tenantId the tenant
 * @param userId the user ({@code sub}) within it
 */
public record IftttUser(String tenantId, String userId) {

	/** The id IFTTT stores for this user, e.g. {@code acme:alice}. */
	public String iftttId() {
		return encode(this.tenantId) + ":" + encode(this.userId);
	}

	private static String encode(String part) {
		return URLEncoder.encode(part, StandardCharsets.UTF_8);
	}

}
