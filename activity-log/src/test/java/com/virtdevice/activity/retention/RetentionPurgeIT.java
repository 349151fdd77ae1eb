package com.virtdevice.activity.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import com.virtdevice.activity.ActivityLogTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows older than {@code max-age} (365 days) go, in batches of {@code batch-size} (10 in
 * these tests); younger rows stay.
 */
class RetentionPurgeIT extends ActivityLogTestBase {

	@Autowired
	private RetentionPurge purge;

	@Autowired
	private MeterRegistry meters;

	@Test
	void purgesRowsPastTheirRetentionInBoundedBatches() {
		String device = unique("dev");
		Instant now = Instant.now();
		for (int i = 0; i < 25; i++) {
			insertRow(device, now.minus(Duration.ofDays(400 + i)));
		}
		insertRow(device, now.minus(Duration.ofDays(365)).plus(Duration.ofHours(1)));
		insertRow(device, now.minus(Duration.ofDays(300)));
		insertRow(device, now.minus(Duration.ofDays(1)));
		double purgedBefore = this.meters.counter("virtdevice.activity.rows.purged").count();

		RetentionPurge.Result result = this.purge.purgeExpired();

		assertThat(result.rows()).isEqualTo(25);
		assertThat(result.batches()).isEqualTo(3);
		assertThat(rowsOf(device)).hasSize(3);
		assertThat(this.meters.counter("virtdevice.activity.rows.purged").count()).isEqualTo(purgedBefore + 25);
		assertThat(this.purge.purgeExpired().rows()).isZero();
	}

	private void insertRow(String device, Instant occurredAt) {
		this.jdbc
			.sql("""
					insert into activity_log (id, event_id, sequence, tenant_id, user_id, device_id, action, source, details,
					    occurred_at, recorded_at)
					values (nextval('activity_log_id_seq'), :eventId, 0, 'old-tenant', 'old-user', :device, 'property_changed',
					    'api', cast(:details as jsonb), :occurredAt, :occurredAt)
					""")
			.param("eventId", UUID.randomUUID())
			.param("device", device)
			.param("details", "{\"property\":\"level\",\"oldValue\":null,\"newValue\":\"1\"}")
			.param("occurredAt", occurredAt.atOffset(ZoneOffset.UTC))
			.update();
	}

}
