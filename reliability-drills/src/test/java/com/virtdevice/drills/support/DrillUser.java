package com.virtdevice.drills.support;

import java.util.List;

/**
 * A user the drill created, with a token for it and its devices.
 *
 * @param userId the user ({@code sub})
 * @param tenantId its tenant
 * @param token a token with every user scope
 * @param devices the ids of its devices
 */
public record DrillUser(String userId, String tenantId, String token, List<String> devices) {
}
