package com.virtdevice.publisher;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * event-publisher settings.
 *
 * @param publicUrl the base URL outside callers reach this service at (webhook URLs)
 * @param retention how long published events stay available to the replay API
 * @param notifyApiChanges also {@code pg_notify('property_changes', …)} for changes made
 * through the API, not only for SQL run by hand (NOTIFY serialises commits: off by
 * default)
 * @param idempotencyKeyRetention how long an {@code Idempotency-Key} (and a webhook
 * delivery id) is remembered; more than twice {@code webhook.tolerance}, so a delivery is
 * remembered for as long as its signature is accepted
 * @param relay the outbox relay
 * @param webhook inbound webhooks
 */
@ConfigurationProperties("virtdevice.publisher")
public record PublisherProperties(@DefaultValue("http://localhost:8081") String publicUrl,
		@DefaultValue("7d") Duration retention, @DefaultValue("false") boolean notifyApiChanges,
		@DefaultValue("24h") Duration idempotencyKeyRetention, @DefaultValue Relay relay,
		@DefaultValue Webhook webhook) {

	public PublisherProperties {
		if (idempotencyKeyRetention.compareTo(webhook.tolerance().multipliedBy(2)) <= 0) {
			throw new IllegalArgumentException("virtdevice.publisher.idempotency-key-retention ("
					+ idempotencyKeyRetention + ") must be longer than twice virtdevice.publisher.webhook.tolerance ("
					+ webhook.tolerance() + "), or a signed call could be replayed once its delivery id is forgotten");
		}
	}

	/**
	 * @param enabled whether this instance may relay (only one instance relays at a time)
	 * @param batchSize most events sequenced and published per round
	 * @param pollInterval how often the relay looks for work nobody woke it for
	 * @param takeoverInterval how often a standby instance tries to become the relay
	 * @param maxRetryBackoff longest wait between attempts while Redis or the database is
	 * unavailable
	 */
	public record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("1000") int batchSize,
			@DefaultValue("1s") Duration pollInterval, @DefaultValue("1s") Duration takeoverInterval,
			@DefaultValue("2s") Duration maxRetryBackoff) {

	}

	/**
	 * @param secretKey the AES key (base64 of 16, 24 or 32 bytes) webhook secrets are
	 * encrypted with at rest; a production profile refuses to start without one
	 * @param tolerance how far a call's signed timestamp may be from this server's clock,
	 * either way
	 */
	public record Webhook(@Nullable String secretKey, @DefaultValue("5m") Duration tolerance) {

		@Override
		public String toString() {
			return "Webhook[secretKey=" + ((this.secretKey != null) ? "(set)" : "(none)") + ", tolerance="
					+ this.tolerance + "]";
		}

	}

}
