package com.virtdevice.publisher.replay;

import java.util.UUID;

import com.virtdevice.publisher.ApiClient;
import com.virtdevice.publisher.PublisherIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@PublisherIntegrationTest
class EventRetentionIT {

	@LocalServerPort
	private int port;

	@Autowired
	private EventRetention retention;

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void purgesPublishedEventsOlderThanTheRetentionButNeverUnpublishedOnes() {
		ApiClient alice = ApiClient.user(this.port, "alice-" + UUID.randomUUID(), "acme");
		String old = alice.createDevice("Old", "LIGHT", "{}");
		String recent = alice.createDevice("Recent", "LIGHT", "{}");
		await().until(() -> count("device_id = '" + old + "' AND sequence IS NOT NULL") == 1
				&& count("device_id = '" + recent + "' AND sequence IS NOT NULL") == 1);
		this.jdbc.update("UPDATE publisher.events SET occurred_at = now() - interval '8 days' WHERE device_id = ?",
				old);
		this.jdbc
			.update("INSERT INTO publisher.events (event_id, type, device_id, user_id, tenant_id, source, occurred_at) "
					+ "VALUES (?, 'device_created', 'never-published', 'u', 't', 'api', now() - interval '30 days')",
					UUID.randomUUID());

		this.retention.purgeEvents();

		assertThat(count("device_id = '" + old + "'")).isZero();
		assertThat(count("device_id = '" + recent + "'")).isEqualTo(1);
		assertThat(count("device_id = 'never-published'")).isEqualTo(1);
		this.jdbc.update("DELETE FROM publisher.events WHERE device_id = 'never-published'");
	}

	@Test
	void purgesIdempotencyKeysOlderThanTheirRetention() {
		this.jdbc
			.update("INSERT INTO publisher.idempotency_keys (scope, key, request_hash, status, response, created_at) "
					+ "VALUES ('user:t:u', 'old-key', 'h', 200, '{}', now() - interval '25 hours'), "
					+ "('user:t:u', 'new-key', 'h', 200, '{}', now())");

		this.retention.purgeIdempotencyKeys();

		assertThat(this.jdbc.queryForList("SELECT key FROM publisher.idempotency_keys WHERE scope = 'user:t:u'",
				String.class))
			.containsExactly("new-key");
	}

	private long count(String where) {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM publisher.events WHERE " + where, Long.class);
		return (count != null) ? count : 0;
	}

}
