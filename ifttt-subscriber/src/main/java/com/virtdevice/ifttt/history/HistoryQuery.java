package com.virtdevice.ifttt.history;

import org.jspecify.annotations.Nullable;

/**
 * Which changes a trigger poll asks for: one user's, optionally of one device and/or one
 * property, newest first.
 *
 * @param userId the polling user
 * @param tenantId the user's tenant
 * @param deviceId only this device, or any
 * @param property only this property, or any
 * @param limit at most this many
 */
public record HistoryQuery(String userId, String tenantId, @Nullable String deviceId, @Nullable String property,
		int limit) {

}
