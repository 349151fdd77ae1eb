package com.virtdevice.alexa.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One ChangeReport as operators see it: what was sent and what the gateway answered.
 *
 * @param id the delivery
 * @param messageId the report's {@code event.header.messageId}
 * @param userId the device's owner
 * @param deviceId the device ({@code endpointId})
 * @param region the gateway region it went to
 * @param cause {@code payload.change.cause.type}
 * @param outcome how it ended (or {@code PENDING})
 * @param reason why it ended so, for anything but {@code SENT}
 * @param attempts gateway calls made
 * @param createdAt when it was first sent
 * @param completedAt when it ended
 * @param events the events it reports (several when changes were coalesced)
 * @param report the message as sent, scope token redacted
 * @param answers every answer of the gateway, in order
 */
record DeliveryView(UUID id, UUID messageId, String userId, String deviceId, String region, String cause,
		DeliveryOutcome outcome, @Nullable String reason, int attempts, Instant createdAt,
		@Nullable Instant completedAt, List<Event> events,
		@Schema(description = "The Alexa.ChangeReport as sent, scope token redacted") JsonNode report,
		List<Answer> answers) {

	/**
	 * An event a report covers.
	 *
	 * @param eventId the event
	 * @param sequence its sequence
	 */
	record Event(UUID eventId, long sequence) {

	}

	/**
	 * One gateway answer.
	 *
	 * @param attempt 1 for the first call
	 * @param at when the answer came
	 * @param status the HTTP status; null when the call failed without one
	 * @param code the gateway's error code, if any
	 * @param detail the gateway's description or the network error
	 */
	record Answer(int attempt, Instant at, @Nullable Integer status, @Nullable String code, @Nullable String detail) {

	}

}
