package com.virtdevice.activity.query;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of {@code GET /api/activity}, as sent.
 *
 * @param tenantId only this tenant (operators); with {@code activity:read}, only one's
 * own tenant may be named
 * @param deviceId only this device
 * @param userId only this user's devices
 * @param source only changes from this source
 * @param property only changes of this property
 * @param action only this kind of event
 * @param from only events at or after this instant
 * @param to only events before this instant
 * @param limit most items per page
 * @param cursor where the previous page ended ({@code nextCursor})
 */
record ActivityQuery(@Parameter(
		description = "Only this tenant. Needs ops:read unless it is the caller's own.") @Nullable String tenantId,
		@Parameter(description = "Only this device") @Nullable String deviceId,
		@Parameter(description = "Only this user's devices") @Nullable String userId,
		@Parameter(description = "Only changes from this source", schema = @Schema(allowableValues = {
				"alexa", "ifttt", "web", "api" })) @Nullable String source,
		@Parameter(description = "Only changes of this property") @Nullable String property,
		@Parameter(description = "Only this kind of event", schema = @Schema(
				allowableValues = { "property_changed", "device_created", "device_deleted" })) @Nullable String action,
		@Parameter(
				description = "Only events at or after this instant (ISO-8601, e.g. 2026-11-27T12:00:00Z)") @Nullable Instant from,
		@Parameter(description = "Only events before this instant (ISO-8601)") @Nullable Instant to,
		@Parameter(description = "Items per page, 1-" + ActivityQuery.MAX_LIMIT + " (default "
				+ ActivityQuery.DEFAULT_LIMIT + ")") @Min(1) @Max(ActivityQuery.MAX_LIMIT) @Nullable Integer limit,
		@Parameter(description = "The nextCursor of the previous page") @Nullable String cursor){

	/** Items per page unless asked otherwise (SPEC §6). */
	static final int DEFAULT_LIMIT = 50;

	/** Most items per page (SPEC §6). */
	static final int MAX_LIMIT = 500;

	int pageSize() {
		return (this.limit != null) ? this.limit : DEFAULT_LIMIT;
	}

}
