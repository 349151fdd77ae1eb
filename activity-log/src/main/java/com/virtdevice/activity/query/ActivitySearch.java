package com.virtdevice.activity.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.virtdevice.activity.audit.ActivityDetails;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the audit trail. Every page is {@code order by occurred_at desc, id desc} with
 * the cursor as a row comparison, which PostgreSQL answers with one backward range scan
 * of an index ending in {@code (occurred_at, id)} — the same cost on page 1 and page
 * 10,000. The plans are in {@code docs/activity-log.md}.
 */
@Component
class ActivitySearch {

	private static final String COLUMNS = "select id, event_id, sequence, tenant_id, user_id, device_id, action, "
			+ "source, details ->> 'property' as property, details ->> 'oldValue' as old_value, "
			+ "details ->> 'newValue' as new_value, occurred_at, recorded_at from activity_log";

	private final JdbcClient jdbc;

	ActivitySearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Up to {@code limit} rows matching the filter, newest first, after the cursor. */
	List<ActivityItem> find(ActivityFilter filter, @Nullable Cursor after, int limit) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> parameters = new LinkedHashMap<>();
		condition(conditions, parameters, "tenant_id = :tenantId", "tenantId", filter.tenantId());
		condition(conditions, parameters, "device_id = :deviceId", "deviceId", filter.deviceId());
		condition(conditions, parameters, "user_id = :userId", "userId", filter.userId());
		condition(conditions, parameters, "source = :source", "source",
				(filter.source() != null) ? filter.source().wireName() : null);
		condition(conditions, parameters, "details ->> 'property' = :property", "property", filter.property());
		condition(conditions, parameters, "action = :action", "action",
				(filter.action() != null) ? filter.action().wireName() : null);
		condition(conditions, parameters, "occurred_at >= :from", "from", timestamp(filter.from()));
		condition(conditions, parameters, "occurred_at < :to", "to", timestamp(filter.to()));
		if (after != null) {
			conditions.add("(occurred_at, id) < (:afterOccurredAt, :afterId)");
			parameters.put("afterOccurredAt", timestamp(after.occurredAt()));
			parameters.put("afterId", after.id());
		}
		String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
		parameters.put("limit", limit);
		return this.jdbc.sql(COLUMNS + where + " order by occurred_at desc, id desc limit :limit")
			.params(parameters)
			.query(ActivitySearch::item)
			.list();
	}

	/** One row, if it is in the given tenant (any tenant when {@code null}). */
	Optional<ActivityItem> findById(long id, @Nullable String tenantId) {
		String sql = COLUMNS + " where id = :id" + ((tenantId != null) ? " and tenant_id = :tenantId" : "");
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("id", id);
		if (tenantId != null) {
			parameters.put("tenantId", tenantId);
		}
		return this.jdbc.sql(sql).params(parameters).query(ActivitySearch::item).optional();
	}

	private static void condition(List<String> conditions, Map<String, Object> parameters, String condition,
			String name, @Nullable Object value) {
		if (value != null) {
			conditions.add(condition);
			parameters.put(name, value);
		}
	}

	private static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static ActivityItem item(ResultSet row, int number) throws SQLException {
		return new ActivityItem(row.getLong("id"), row.getObject("event_id", java.util.UUID.class),
				row.getLong("sequence"), row.getString("tenant_id"), row.getString("user_id"),
				row.getString("device_id"), row.getString("action"), row.getString("source"),
				new ActivityDetails(row.getString("property"), row.getString("old_value"), row.getString("new_value")),
				row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				row.getObject("recorded_at", OffsetDateTime.class).toInstant());
	}

}
