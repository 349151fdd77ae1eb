package com.virtdevice.activity.query;

import java.time.Instant;
import java.util.UUID;

import com.virtdevice.activity.audit.ActivityDetails;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One audit row as the API shows it (docs/contract.md §6).
 *
 * @param id the row's id, for {@code GET /api/activity/{id}}
 * @param eventId the event's id
 * @param sequence the event's position in the publisher's stream
 * @param tenantId the device owner's tenant
 * @param userId the device's owner
 * @param deviceId the device
 * @param action {@code property_changed}, {@code device_created} or
 * {@code device_deleted}
 * @param source {@code alexa}, {@code ifttt}, {@code web} or {@code api}
 * @param details the property and its old and new value ({@code null}s for lifecycle
 * events)
 * @param occurredAt when the change was committed (the event's {@code timestamp})
 * @param recordedAt when this row was written
 */
record ActivityItem(long id, UUID eventId, long sequence, String tenantId, String userId, String deviceId,
		@Schema(allowableValues = {
				"property_changed", "device_created", "device_deleted" }) String action,
		@Schema(allowableValues = { "alexa", "ifttt", "web", "api" }) String source,
		@Schema(description = "property, oldValue and newValue; all null for device_created and device_deleted, "
				+ "oldValue null when the property did not exist before") ActivityDetails details,
		@Schema(description = "When the change was committed (the event's timestamp)") Instant occurredAt,
		@Schema(description = "When this row was written") Instant recordedAt){

}
