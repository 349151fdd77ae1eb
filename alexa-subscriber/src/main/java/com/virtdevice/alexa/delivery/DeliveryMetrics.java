package com.virtdevice.alexa.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The service's counters, {@code virtdevice.alexa.*}: reports per outcome, events skipped
 * per reason, retries, throttling, unconvertible values, gateway errors.
 */
final class DeliveryMetrics {

	/** Gateway codes worth a tag of their own; anything else is {@code other}. */
	private static final Set<String> KNOWN_CODES = Set.of("INVALID_REQUEST_EXCEPTION", "INVALID_ACCESS_TOKEN_EXCEPTION",
			"SKILL_DISABLED_EXCEPTION", "SKILL_NEVER_ENABLED_EXCEPTION", "INSUFFICIENT_PERMISSION_EXCEPTION",
			"ACCOUNT_NOT_FOUND_EXCEPTION", "SKILL_NOT_FOUND_EXCEPTION", "THROTTLING_EXCEPTION",
			"INTERNAL_SERVICE_EXCEPTION", "SERVICE_UNAVAILABLE_EXCEPTION");

	private final MeterRegistry meters;

	private final Timer delay;

	private final Clock clock;

	DeliveryMetrics(MeterRegistry meters, Clock clock) {
		this.meters = meters;
		this.clock = clock;
		this.delay = Timer.builder("virtdevice.alexa.reports.delay")
			.description("From the commit of the oldest change in a report to the gateway's 202")
			.register(meters);
	}

	/** Events that produced no report, per reason. */
	void skipped(String reason, int events) {
		this.meters.counter("virtdevice.alexa.events.skipped", "reason", reason).increment(events);
	}

	/** A report ended. */
	void report(DeliveryOutcome outcome) {
		this.meters.counter("virtdevice.alexa.reports", "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
	}

	void retried() {
		this.meters.counter("virtdevice.alexa.reports.retries").increment();
	}

	void throttled() {
		this.meters.counter("virtdevice.alexa.gateway.throttled").increment();
	}

	/** A gateway error answer, by its code. */
	void gatewayError(int status, String code) {
		this.meters
			.counter("virtdevice.alexa.gateway.errors", "status", Integer.toString(status), "code",
					KNOWN_CODES.contains(code) ? code : "other")
			.increment();
	}

	/** A value left out because it has no Alexa form. */
	void unconvertible(String namespace) {
		this.meters.counter("virtdevice.alexa.values.unconvertible", "namespace", namespace).increment();
	}

	/** An event folded into a report already waiting. */
	void coalesced() {
		this.meters.counter("virtdevice.alexa.events.coalesced").increment();
	}

	/** A report was accepted; its oldest change was committed then. */
	void sent(Instant oldestChange) {
		this.delay.record(Duration.between(oldestChange, this.clock.instant()));
	}

}
