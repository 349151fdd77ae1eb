package com.virtdevice.alexa.grant;

/**
 * A user, who is only one within a tenant (docs/contract.md §8): what a grant belongs to.
 *
 * @param tenantId the tenant
 * @param userId the user within it
 */
public record AccountKey(String tenantId, String userId) {

}
