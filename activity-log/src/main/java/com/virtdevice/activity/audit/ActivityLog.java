package com.virtdevice.activity.audit;

import java.time.Instant;
import java.util.UUID;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.SQLInsert;
import org.hibernate.jdbc.Expectation;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * One audit row: one hub event (docs/contract.md §6). Rows are written once and never
 * changed.
 * <p>
 * The insert skips an event that is already stored ({@code on conflict (event_id) do
 * nothing}), so a redelivered or replayed event never makes a second row. A skipped
 * insert reports 0 rows (or "no information" when the driver rewrites a batch into
 * multi-row inserts), which {@link Expectation.OptionalRowCount} accepts. The column
 * order of the statement is the order in which Hibernate binds the attributes:
 * alphabetical by attribute name, the id last.
 */
@Entity
@Immutable
@Table(name = "activity_log")
@SQLInsert(sql = "insert into activity_log (action, details, device_id, event_id, occurred_at, recorded_at, "
		+ "sequence, source, tenant_id, user_id, id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
		+ "on conflict (event_id) do nothing", verify = Expectation.OptionalRowCount.class)
public class ActivityLog {

	/** Ids handed out per database round trip; the sequence's increment matches it. */
	static final int ID_ALLOCATION = 500;

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "activity_log_ids")
	@SequenceGenerator(name = "activity_log_ids", sequenceName = "activity_log_id_seq", allocationSize = ID_ALLOCATION)
	private @Nullable Long id;

	@Column(nullable = false, updatable = false)
	private UUID eventId;

	@Column(nullable = false, updatable = false)
	private long sequence;

	@Column(nullable = false, updatable = false, length = 128)
	private String tenantId;

	@Column(nullable = false, updatable = false, length = 128)
	private String userId;

	@Column(nullable = false, updatable = false, length = 128)
	private String deviceId;

	@Convert(converter = EventTypeColumn.class)
	@Column(nullable = false, updatable = false, length = 32)
	private EventType action;

	@Convert(converter = ChangeSourceColumn.class)
	@Column(nullable = false, updatable = false, length = 16)
	private ChangeSource source;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(nullable = false, updatable = false)
	private ActivityDetails details;

	@Column(nullable = false, updatable = false)
	private Instant occurredAt;

	@Column(nullable = false, updatable = false)
	private Instant recordedAt;

	/** For JPA. */
	protected ActivityLog() {
	}

	private ActivityLog(DeviceStateEvent event, Instant recordedAt) {
		this.eventId = event.eventId();
		this.sequence = event.sequence();
		this.tenantId = event.tenantId();
		this.userId = event.userId();
		this.deviceId = event.deviceId();
		this.action = event.type();
		this.source = event.source();
		this.details = ActivityDetails.of(event);
		this.occurredAt = event.timestamp();
		this.recordedAt = recordedAt;
	}

	/** The row for an event, recorded at the given time. */
	static ActivityLog of(DeviceStateEvent event, Instant recordedAt) {
		return new ActivityLog(event, recordedAt);
	}

	public @Nullable Long getId() {
		return this.id;
	}

}
