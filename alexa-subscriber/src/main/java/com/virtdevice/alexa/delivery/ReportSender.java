package com.virtdevice.alexa.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import com.virtdevice.alexa.grant.AccessTokens;
import com.virtdevice.alexa.grant.GatewayCredentials;
import com.virtdevice.alexa.grant.NotLinked;
import com.virtdevice.alexa.grant.Region;
import com.virtdevice.alexa.report.ChangeReport;
import com.virtdevice.alexa.report.ReportedValue;
import com.virtdevice.events.DeviceStateEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends one device's ChangeReport and follows the gateway's answer through the table of
 * docs/contract.md §7: refresh-and-retry on 401, unlink on a disabled skill, drop on 400,
 * retries with backoff on throttling and errors, then a dead letter. Every step runs on
 * the device's lane; waiting (for the gateway, Login with Amazon, a backoff) holds no
 * thread.
 */
final class ReportSender {

	private static final Logger log = LoggerFactory.getLogger(ReportSender.class);

	private final DeviceLanes lanes;

	private final AccessTokens tokens;

	private final AlexaGateway gateway;

	private final ReportContents contents;

	private final Deliveries deliveries;

	private final DeliveryMetrics metrics;

	private final RetryBackoff backoff;

	ReportSender(DeviceLanes lanes, AccessTokens tokens, AlexaGateway gateway, ReportContents contents,
			Deliveries deliveries, DeliveryMetrics metrics, RetryBackoff backoff) {
		this.lanes = lanes;
		this.tokens = tokens;
		this.gateway = gateway;
		this.contents = contents;
		this.deliveries = deliveries;
		this.metrics = metrics;
		this.backoff = backoff;
	}

	/**
	 * Sends the batch's report. {@code done} runs on the device's lane once the report
	 * has ended, however it ended.
	 */
	void send(ChangeBatch batch, Runnable done) {
		try {
			start(batch, done);
		}
		catch (RuntimeException ex) {
			log.error("Could not report events {} of device {}", eventIds(batch), batch.deviceId(), ex);
			this.metrics.skipped("failed", batch.events().size());
			done.run();
		}
	}

	private void start(ChangeBatch batch, Runnable done) {
		int events = batch.events().size();
		if (!ChangeReport.isValidEndpointId(batch.deviceId())) {
			log.warn("Device id {} cannot be an Alexa endpointId; not reporting events {}", batch.deviceId(),
					eventIds(batch));
			this.metrics.skipped("invalid_endpoint_id", events);
			done.run();
			return;
		}
		Optional<Region> region = this.tokens.linkedRegion(batch.userId(), batch.tenantId());
		if (region.isEmpty()) {
			this.metrics.skipped("not_linked", events);
			done.run();
			return;
		}
		List<ReportedValue> changed = this.contents.changed(batch);
		if (changed.isEmpty()) {
			this.metrics.skipped("nothing_convertible", events);
			done.run();
			return;
		}
		Report report = new Report(batch, changed, this.contents.context(batch), done);
		this.deliveries.start(report.id, report.messageId, batch, region.get().name(),
				message(report, ChangeReport.REDACTED));
		attempt(report);
	}

	private void attempt(Report report) {
		this.tokens.current(report.batch.userId(), report.batch.tenantId())
			.whenComplete((credentials, failure) -> onLane(report, () -> {
				if (failure != null) {
					tokenFailed(report, unwrap(failure));
				}
				else {
					post(report, credentials);
				}
			}));
	}

	private void post(Report report, GatewayCredentials credentials) {
		report.attempts++;
		report.credentials = credentials;
		this.gateway.send(credentials.region(), credentials.accessToken(), message(report, credentials.accessToken()))
			.thenAccept((answer) -> onLane(report, () -> answered(report, answer)));
	}

	private void answered(Report report, GatewayAnswer answer) {
		this.deliveries.recordAttempt(report.id, report.attempts, answer);
		GatewayVerdict verdict = GatewayVerdict.of(answer);
		if (verdict != GatewayVerdict.SENT && answer.status() != 0) {
			this.metrics.gatewayError(answer.status(), (answer.code() != null) ? answer.code() : "");
		}
		switch (verdict) {
			case SENT -> {
				this.metrics.sent(report.batch.oldestChange());
				finish(report, DeliveryOutcome.SENT, null);
			}
			case REFRESH_AND_RETRY -> refreshAndRetry(report, answer);
			case UNLINK, DROP_AND_UNLINK ->
				unlink(report, "the Event Gateway answered " + answer.summary(), answer.summary());
			case NO_PERMISSION -> {
				log.error(
						"The Event Gateway refused a report of device {} with {}: the skill lacks the permission "
								+ "to send Alexa events. Fix the skill; the user stays linked.",
						report.batch.deviceId(), answer.summary());
				finish(report, DeliveryOutcome.REJECTED, describe(answer));
			}
			case DROP -> {
				log.error("The Event Gateway refused the report {} of device {} with {} ({}); dropping events {}",
						report.messageId, report.batch.deviceId(), answer.summary(), answer.description(),
						eventIds(report.batch));
				finish(report, DeliveryOutcome.DROPPED, describe(answer));
			}
			case RETRY -> retryOrGiveUp(report, describe(answer), answer.retryAfter(), answer.isThrottled());
		}
	}

	private void refreshAndRetry(Report report, GatewayAnswer answer) {
		String userId = report.batch.userId();
		GatewayCredentials rejected = report.credentials;
		if (report.refreshed || rejected == null) {
			String reason = "the Event Gateway refused a freshly refreshed token (" + answer.summary() + ")";
			unlink(report, reason, reason);
			return;
		}
		this.tokens.renewAfterRejection(userId, report.batch.tenantId(), rejected.accessToken())
			.whenComplete((credentials, failure) -> onLane(report, () -> {
				if (failure == null) {
					report.refreshed = true;
					post(report, credentials);
				}
				else if (unwrap(failure) instanceof NotLinked) {
					finish(report, DeliveryOutcome.UNLINKED,
							answer.summary() + ", and Login with Amazon refused the refresh token");
				}
				else {
					retryOrGiveUp(report,
							answer.summary() + ", and the token refresh failed: " + unwrap(failure).getMessage(), null,
							false);
				}
			}));
	}

	/**
	 * Unlinks the user whose token the gateway refused for good — unless the stored grant
	 * no longer holds that token (the user linked again, or it was refreshed, while the
	 * report was on its way): then the report is tried again with the stored one.
	 */
	private void unlink(Report report, String reason, String outcomeReason) {
		GatewayCredentials refused = report.credentials;
		if (refused != null && !this.tokens.revokeIfCurrent(report.batch.userId(), report.batch.tenantId(),
				refused.accessToken(), reason)) {
			log.info("Report {} of device {}: the refused token is no longer the user's stored one; not unlinking",
					report.messageId, report.batch.deviceId());
			retryOrGiveUp(report, reason + " with a token replaced meanwhile", null, false);
			return;
		}
		finish(report, DeliveryOutcome.UNLINKED, outcomeReason);
	}

	private void tokenFailed(Report report, Throwable failure) {
		if (failure instanceof NotLinked) {
			finish(report, DeliveryOutcome.UNLINKED, "the user's grant is gone");
			return;
		}
		report.attempts++;
		String reason = "no valid access token: " + failure.getMessage();
		this.deliveries.recordAttempt(report.id, report.attempts, GatewayAnswer.networkFailure(reason));
		retryOrGiveUp(report, reason, null, false);
	}

	private void retryOrGiveUp(Report report, String reason, @Nullable Duration retryAfter, boolean throttled) {
		if (throttled) {
			this.metrics.throttled();
		}
		if (report.retries >= this.backoff.maxRetries()) {
			log.warn("Dead-lettering report {} of device {} after {} attempts: {} (events {})", report.messageId,
					report.batch.deviceId(), report.attempts, reason, eventIds(report.batch));
			finish(report, DeliveryOutcome.DEAD_LETTERED, reason + " (after " + report.attempts + " attempts)");
			return;
		}
		report.retries++;
		this.metrics.retried();
		Duration delay = this.backoff.delay(report.retries, retryAfter);
		log.info("Report {} of device {}: {}; retry {} in {} ms", report.messageId, report.batch.deviceId(), reason,
				report.retries, delay.toMillis());
		this.lanes.submitLater(report.batch.deviceId(), delay, guarded(report, () -> attempt(report)));
	}

	private void finish(Report report, DeliveryOutcome outcome, @Nullable String reason) {
		if (report.finished) {
			return;
		}
		report.finished = true;
		try {
			this.deliveries.complete(report.id, outcome, reason, report.attempts);
			this.metrics.report(outcome);
		}
		finally {
			report.done.run();
		}
	}

	private ObjectNode message(Report report, String token) {
		return this.contents.message(report.messageId, report.batch, token, report.changed, report.context);
	}

	/** Continues on the device's lane; a step that fails still ends the report. */
	private void onLane(Report report, Runnable step) {
		this.lanes.submit(report.batch.deviceId(), guarded(report, step));
	}

	private Runnable guarded(Report report, Runnable step) {
		return () -> {
			try {
				step.run();
			}
			catch (RuntimeException ex) {
				log.error("Report {} of device {} failed (events {})", report.messageId, report.batch.deviceId(),
						eventIds(report.batch), ex);
				finish(report, DeliveryOutcome.DEAD_LETTERED, "internal error: " + ex.getMessage());
			}
		};
	}

	private static String describe(GatewayAnswer answer) {
		return answer.summary() + ((answer.description() != null) ? ": " + answer.description() : "");
	}

	private static List<UUID> eventIds(ChangeBatch batch) {
		return batch.events().stream().map(DeviceStateEvent::eventId).toList();
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	/** One report on its way: lane-confined. */
	private static final class Report {

		final UUID id = UUID.randomUUID();

		final UUID messageId = UUID.randomUUID();

		final ChangeBatch batch;

		final List<ReportedValue> changed;

		final List<ReportedValue> context;

		final Runnable done;

		int attempts;

		int retries;

		boolean refreshed;

		boolean finished;

		@Nullable GatewayCredentials credentials;

		Report(ChangeBatch batch, List<ReportedValue> changed, List<ReportedValue> context, Runnable done) {
			this.batch = batch;
			this.changed = changed;
			this.context = context;
			this.done = done;
		}

	}

}
