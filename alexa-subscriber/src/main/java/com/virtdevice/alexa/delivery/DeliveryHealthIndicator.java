package com.virtdevice.alexa.delivery;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code alexaDelivery} in {@code /actuator/health}: the work in progress and the stored
 * stream position. Informational: a slow gateway is not a reason to restart the service.
 */
final class DeliveryHealthIndicator extends AbstractHealthIndicator {

	private final InFlightEvents inFlight;

	private final ReportPipeline pipeline;

	private final StreamPosition position;

	DeliveryHealthIndicator(InFlightEvents inFlight, ReportPipeline pipeline, StreamPosition position) {
		super("Alexa delivery health check failed");
		this.inFlight = inFlight;
		this.pipeline = pipeline;
		this.position = position;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up()
			.withDetail("eventsInFlight", this.inFlight.size())
			.withDetail("devicesWithWork", this.pipeline.devicesWithWork())
			.withDetail("handledUpTo", this.inFlight.watermark())
			.withDetail("storedPosition", this.position.written());
	}

}
