package com.virtdevice.publisher.webhook;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Webhooks in {@code publisher.webhooks}; they go when their device goes. */
@Repository
class Webhooks {

	private final JdbcClient jdbc;

	Webhooks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void add(Webhook webhook) {
		this.jdbc.sql("INSERT INTO publisher.webhooks (id, device_id, secret) VALUES (?, ?, ?)")
			.params(webhook.id(), webhook.deviceId(), webhook.secret())
			.update();
	}

	Optional<Webhook> find(String id) {
		return this.jdbc.sql("SELECT id, device_id, secret FROM publisher.webhooks WHERE id = ?")
			.param(id)
			.query(Webhook.class)
			.optional();
	}

	boolean remove(String deviceId, String id) {
		return this.jdbc.sql("DELETE FROM publisher.webhooks WHERE device_id = ? AND id = ?")
			.params(deviceId, id)
			.update() == 1;
	}

}
