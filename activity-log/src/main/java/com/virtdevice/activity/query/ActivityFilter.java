package com.virtdevice.activity.query;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.Channels;
import com.virtdevice.events.EventLimits;
import com.virtdevice.events.EventType;
import com.virtdevice.support.security.HubPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * What a caller may see of what it asked for: a validated {@link ActivityQuery} with the
 * tenant fixed by the caller's scopes. A {@code null} field does not filter.
 *
 * @param tenantId only this tenant; {@code null} only for operators who named none
 * @param deviceId only this device
 * @param userId only this user
 * @param source only this source
 * @param property only this property
 * @param action only this event type
 * @param from at or after
 * @param to before
 */
record ActivityFilter(@Nullable String tenantId, @Nullable String deviceId, @Nullable String userId,
		@Nullable ChangeSource source, @Nullable String property, @Nullable EventType action, @Nullable Instant from,
		@Nullable Instant to) {

	/**
	 * Queries may name the years 0000-9999: PostgreSQL holds them, ISO-8601 writes them
	 * plainly.
	 */
	private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

	/**
	 * The filter for a query by a caller. Scope {@code ops:read} may name any tenant or
	 * none (all); {@code activity:read} sees its own tenant and may name only that one.
	 * @throws InvalidActivityQuery for a parameter that cannot be answered
	 * @throws OtherTenantForbidden for another tenant without {@code ops:read}
	 */
	static ActivityFilter of(ActivityQuery query, HubPrincipal caller) {
		requireId("tenantId", query.tenantId());
		requireId("deviceId", query.deviceId());
		requireId("userId", query.userId());
		if (query.property() != null && !EventLimits.isValidPropertyName(query.property())) {
			throw new InvalidActivityQuery("property is not a valid property name");
		}
		requireSearchable("from", query.from());
		requireSearchable("to", query.to());
		if (query.from() != null && query.to() != null && query.from().isAfter(query.to())) {
			throw new InvalidActivityQuery("from (" + query.from() + ") is after to (" + query.to() + ")");
		}
		return new ActivityFilter(visibleTenant(caller, query.tenantId()), query.deviceId(), query.userId(),
				source(query.source()), query.property(), action(query.action()), query.from(), query.to());
	}

	/** The tenant whose rows the caller sees; {@code null} for all. */
	static @Nullable String visibleTenant(HubPrincipal caller, @Nullable String requested) {
		if (caller.isOperator()) {
			return requested;
		}
		if (requested != null && !requested.equals(caller.tenantId())) {
			throw new OtherTenantForbidden();
		}
		return caller.tenantId();
	}

	/** Whether PostgreSQL can compare a timestamp with this instant. */
	static boolean isSearchable(Instant instant) {
		return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
	}

	private static void requireSearchable(String name, @Nullable Instant instant) {
		if (instant != null && !isSearchable(instant)) {
			throw new InvalidActivityQuery(name + " must be between the years 0000 and 9999");
		}
	}

	private static @Nullable ChangeSource source(@Nullable String source) {
		if (source == null) {
			return null;
		}
		return ChangeSource.fromWireName(source)
			.orElseThrow(() -> new InvalidActivityQuery("source must be one of " + Arrays.stream(ChangeSource.values())
				.map(ChangeSource::wireName)
				.collect(Collectors.joining(", "))));
	}

	private static @Nullable EventType action(@Nullable String action) {
		if (action == null) {
			return null;
		}
		return EventType.fromWireName(action)
			.orElseThrow(() -> new InvalidActivityQuery("action must be one of "
					+ Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", "))));
	}

	private static void requireId(String name, @Nullable String id) {
		if (id != null && !Channels.isChannelSafe(id)) {
			throw new InvalidActivityQuery(name + " is not a valid id");
		}
	}

}
