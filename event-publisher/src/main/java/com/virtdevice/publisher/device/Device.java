package com.virtdevice.publisher.device;

import java.time.Instant;
import java.util.Map;

/**
 * A virtual device and its current property values (docs/contract.md §4.1).
 *
 * @param id the device id
 * @param name a display name
 * @param type the kind of device, e.g. {@code LIGHT}
 * @param userId the owner
 * @param tenantId the owner's tenant
 * @param properties current values by property name
 * @param createdAt when it was created
 */
public record Device(String id, String name, String type, String userId, String tenantId,
		Map<String, String> properties, Instant createdAt) {

}
