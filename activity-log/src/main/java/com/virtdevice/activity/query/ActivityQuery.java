package com.virtdevice.activity.query;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of {@code GET /api/activity}, as sent. Their OpenAPI descriptions
 * are in {@link ActivityApi}.
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
record ActivityQuery(@Nullable String tenantId, @Nullable String deviceId, @Nullable String userId,
		@Nullable String source, @Nullable String property, @Nullable String action, @Nullable Instant from,
		@Nullable Instant to, @Min(1) @Max(MAX_LIMIT) @Nullable Integer limit, @Nullable String cursor) {

	/** Items per page unless asked otherwise (docs/contract.md §6). */
	static final int DEFAULT_LIMIT = 50;

	/** Most items per page (docs/contract.md §6). */
	static final int MAX_LIMIT = 500;

	int pageSize() {
		return (this.limit != null) ? this.limit : DEFAULT_LIMIT;
	}

}
