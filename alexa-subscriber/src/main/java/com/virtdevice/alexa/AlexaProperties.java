package com.virtdevice.alexa;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How alexa-subscriber talks to Amazon ({@code virtdevice.alexa.*}, docs/contract.md §9).
 *
 * @param eventGateway the Event Gateway URL of each region
 * @param lwaTokenUrl the Login with Amazon token endpoint (code exchange and refresh)
 * @param clientId the skill's "Send Alexa Events" client id
 * @param clientSecret the skill's "Send Alexa Events" client secret
 * @param reportAlexaInitiated {@code false} (the seed's rule): changes with
 * {@code source: alexa} are not reported; {@code true} (Amazon's guidance): they are,
 * with cause {@code VOICE_INTERACTION}
 * @param tokenEncryptionKey base64 AES key (16, 24 or 32 bytes) that encrypts stored
 * tokens; required in a production profile, a random per-process key otherwise
 * @param refreshAhead refresh an access token this long before it expires
 * @param coalesceWindow changes of one device within this window after the first go in
 * one report, latest values winning
 * @param catchUpSettle events replayed after downtime or a gap are held until no replayed
 * event of the device arrived for this long, so only the latest state is sent
 * @param uncertaintyInMilliseconds the {@code uncertaintyInMilliseconds} of every
 * reported property
 * @param defaultTemperatureScale the scale of a temperature or setpoint stored as a bare
 * number
 * @param workers threads that run the per-device lanes (database work, token refresh,
 * publisher look-ups); gateway calls themselves are asynchronous
 * @param connectTimeout connect timeout of calls to the gateway, LWA and the publisher
 * @param requestTimeout time a gateway, LWA or publisher call may take in all
 * @param retry retries of transient gateway failures
 * @param deliveryRetention delivery records older than this are deleted
 * @param positionFlushInterval how often the stream position is written to the database
 */
@Validated
@ConfigurationProperties("virtdevice.alexa")
public record AlexaProperties(@Valid @DefaultValue EventGateway eventGateway,
		@DefaultValue("https://api.amazon.com/auth/o2/token") URI lwaTokenUrl, @Nullable String clientId,
		@Nullable String clientSecret, @DefaultValue("false") boolean reportAlexaInitiated,
		@Nullable String tokenEncryptionKey, @DefaultValue("5m") Duration refreshAhead,
		@DefaultValue("250ms") Duration coalesceWindow, @DefaultValue("1s") Duration catchUpSettle,
		@DefaultValue("0") @Min(0) long uncertaintyInMilliseconds,
		@DefaultValue("CELSIUS") TemperatureScale defaultTemperatureScale, @DefaultValue("8") @Min(1) int workers,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration requestTimeout,
		@Valid @DefaultValue Retry retry, @DefaultValue("30d") Duration deliveryRetention,
		@DefaultValue("1s") Duration positionFlushInterval) {

	/**
	 * The Event Gateway per region.
	 *
	 * @param na North America
	 * @param eu Europe and India
	 * @param fe Far East and Australia
	 */
	public record EventGateway(@NotNull @DefaultValue("https://api.amazonalexa.com/v3/events") URI na,
			@NotNull @DefaultValue("https://api.eu.amazonalexa.com/v3/events") URI eu,
			@NotNull @DefaultValue("https://api.fe.amazonalexa.com/v3/events") URI fe) {

	}

	/**
	 * Retries of throttling, gateway errors and network failures.
	 *
	 * @param maxRetries retries after the first attempt before the report is
	 * dead-lettered
	 * @param initialBackoff wait before the first retry; never less than one second
	 * @param multiplier growth of the wait per further retry
	 * @param maxBackoff longest wait between two attempts
	 * @param jitter up to this fraction of the wait is added at random, so that many
	 * reports throttled together do not come back together
	 */
	public record Retry(@DefaultValue("3") @Min(0) @Max(10) int maxRetries, @DefaultValue("1s") Duration initialBackoff,
			@DefaultValue("2.0") @DecimalMin("1.0") double multiplier, @DefaultValue("30s") Duration maxBackoff,
			@DefaultValue("0.5") @DecimalMin("0.0") double jitter) {

	}

	/** Temperature scales Alexa knows. */
	public enum TemperatureScale {

		CELSIUS, FAHRENHEIT, KELVIN

	}

	@Override
	public String toString() {
		return "AlexaProperties[eventGateway=" + this.eventGateway + ", lwaTokenUrl=" + this.lwaTokenUrl + ", clientId="
				+ this.clientId + ", clientSecret=" + ((this.clientSecret != null) ? "(set)" : "(none)")
				+ ", tokenEncryptionKey=" + ((this.tokenEncryptionKey != null) ? "(set)" : "(none)")
				+ ", reportAlexaInitiated=" + this.reportAlexaInitiated + ", coalesceWindow=" + this.coalesceWindow
				+ ", retry=" + this.retry + "]";
	}

}
