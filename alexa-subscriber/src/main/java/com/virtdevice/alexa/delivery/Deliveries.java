package com.virtdevice.alexa.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.virtdevice.events.DeviceStateEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code alexa.deliveries} and what belongs to them: the events each report covers and
 * every answer of the gateway. What operators read, and the eventId dedupe after a
 * restart.
 */
final class Deliveries {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	Deliveries(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Records a report about to be sent, with its scope token already redacted, and the
	 * events it covers: one statement.
	 */
	void start(UUID id, UUID messageId, ChangeBatch batch, String region, ObjectNode redactedReport) {
		List<DeviceStateEvent> events = batch.events();
		this.jdbc
			.sql("""
					with delivery as (
					    insert into deliveries (id, message_id, user_id, device_id, region, cause, report, outcome, created_at)
					    values (?, ?, ?, ?, ?, ?, cast(? as jsonb), 'PENDING', ?)
					    returning id)
					insert into delivery_events (event_id, delivery_id, sequence)
					select e.event_id, delivery.id, e.sequence
					from delivery, unnest(?::text[]::uuid[], ?::bigint[]) as e(event_id, sequence)
					on conflict do nothing""")
			.params(id, messageId, batch.userId(), batch.deviceId(), region, batch.cause().name(),
					this.json.writeValueAsString(redactedReport), Timestamp.from(this.clock.instant()),
					events.stream().map((event) -> event.eventId().toString()).toArray(String[]::new),
					events.stream().map(DeviceStateEvent::sequence).toArray(Long[]::new))
			.update();
	}

	void recordAttempt(UUID id, int attempt, GatewayAnswer answer) {
		this.jdbc.sql("""
				insert into delivery_attempts (delivery_id, attempt, attempted_at, status, code, detail)
				values (:id, :attempt, :now, :status, :code, :detail)
				on conflict do nothing""")
			.param("id", id)
			.param("attempt", attempt)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("status", (answer.status() != 0) ? answer.status() : null)
			.param("code", answer.code())
			.param("detail", clip((answer.networkError() != null) ? answer.networkError() : answer.description()))
			.update();
	}

	void complete(UUID id, DeliveryOutcome outcome, @Nullable String reason, int attempts) {
		this.jdbc.sql("""
				update deliveries set outcome = :outcome, reason = :reason, attempts = :attempts, completed_at = :now
				where id = :id""")
			.param("id", id)
			.param("outcome", outcome.name())
			.param("reason", clip(reason))
			.param("attempts", attempts)
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	/**
	 * Those of the events that a report covering them already came to an end for: one
	 * statement, whatever their number.
	 */
	Set<UUID> alreadyReported(Collection<UUID> eventIds) {
		if (eventIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc.sql("""
				select distinct e.event_id from delivery_events e join deliveries d on d.id = e.delivery_id
				where e.event_id = any(?::text[]::uuid[]) and d.outcome not in ('PENDING', 'INTERRUPTED')""")
			.param(eventIds.stream().map(UUID::toString).toArray(String[]::new))
			.query((rs, row) -> rs.getObject(1, UUID.class))
			.list());
	}

	/**
	 * Reports left pending by an earlier run; their events come again from the replay.
	 */
	int interruptPending() {
		return this.jdbc
			.sql("update deliveries set outcome = 'INTERRUPTED', completed_at = :now where outcome = 'PENDING'")
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	int purgeOlderThan(Instant cutoff) {
		return this.jdbc.sql("delete from deliveries where created_at < :cutoff")
			.param("cutoff", Timestamp.from(cutoff))
			.update();
	}

	/** Deliveries matching the filter, newest first, with their events and answers. */
	List<DeliveryView> find(DeliveryQuery query) {
		StringBuilder sql = new StringBuilder("select d.* from deliveries d where true");
		Map<String, Object> params = new LinkedHashMap<>();
		if (query.eventId() != null) {
			sql.append(" and exists (select 1 from delivery_events e where e.delivery_id = d.id"
					+ " and e.event_id = :eventId)");
			params.put("eventId", query.eventId());
		}
		if (query.deviceId() != null) {
			sql.append(" and d.device_id = :deviceId");
			params.put("deviceId", query.deviceId());
		}
		if (query.outcome() != null) {
			sql.append(" and d.outcome = :outcome");
			params.put("outcome", query.outcome().name());
		}
		sql.append(" order by d.created_at desc limit :limit");
		params.put("limit", query.limit());
		List<DeliveryView> views = new ArrayList<>();
		for (Row row : this.jdbc.sql(sql.toString()).params(params).query(this::row).list()) {
			views.add(row.view(events(row.id()), answers(row.id())));
		}
		return views;
	}

	private List<DeliveryView.Event> events(UUID id) {
		return this.jdbc.sql("select event_id, sequence from delivery_events where delivery_id = :id order by sequence")
			.param("id", id)
			.query((rs, n) -> new DeliveryView.Event(rs.getObject(1, UUID.class), rs.getLong(2)))
			.list();
	}

	private List<DeliveryView.Answer> answers(UUID id) {
		return this.jdbc.sql("""
				select attempt, attempted_at, status, code, detail from delivery_attempts
				where delivery_id = :id order by attempt""")
			.param("id", id)
			.query((rs, n) -> new DeliveryView.Answer(rs.getInt(1), rs.getTimestamp(2).toInstant(),
					(Integer) rs.getObject(3), rs.getString(4), rs.getString(5)))
			.list();
	}

	private Row row(ResultSet rs, int n) throws SQLException {
		Timestamp completed = rs.getTimestamp("completed_at");
		return new Row(rs.getObject("id", UUID.class), rs.getObject("message_id", UUID.class), rs.getString("user_id"),
				rs.getString("device_id"), rs.getString("region"), rs.getString("cause"),
				DeliveryOutcome.valueOf(rs.getString("outcome")), rs.getString("reason"), rs.getInt("attempts"),
				rs.getTimestamp("created_at").toInstant(), (completed != null) ? completed.toInstant() : null,
				this.json.readTree(rs.getString("report")));
	}

	private static @Nullable String clip(@Nullable String text) {
		return (text == null || text.length() <= 1000) ? text : text.substring(0, 1000);
	}

	private record Row(UUID id, UUID messageId, String userId, String deviceId, String region, String cause,
			DeliveryOutcome outcome, @Nullable String reason, int attempts, Instant createdAt,
			@Nullable Instant completedAt, tools.jackson.databind.JsonNode report) {

		DeliveryView view(List<DeliveryView.Event> events, List<DeliveryView.Answer> answers) {
			return new DeliveryView(this.id, this.messageId, this.userId, this.deviceId, this.region, this.cause,
					this.outcome, this.reason, this.attempts, this.createdAt, this.completedAt, events, this.report,
					answers);
		}

	}

}
