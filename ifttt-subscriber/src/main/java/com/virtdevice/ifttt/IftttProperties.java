package com.virtdevice.ifttt;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the IFTTT service ({@code virtdevice.ifttt.*}).
 *
 * @param serviceKey the service key IFTTT shows on the service's API tab: IFTTT presents
 * it on {@code /status} and {@code /test/setup}, and we present it to the Realtime API.
 * Without it the service answers those endpoints with 401 and sends no notifications
 * @param realtimeUrl IFTTT's Realtime API endpoint
 * @param realtime how notifications are collected, sent and retried
 * @param history how much of each user's history is kept
 * @param identities how long remembered trigger identities live
 * @param deviceNames how device names (the {@code device_name} ingredient) are looked up
 * @param testSetup IFTTT's {@code POST /ifttt/v1/test/setup} for its endpoint tests
 */
@ConfigurationProperties("virtdevice.ifttt")
@Validated
public record IftttProperties(@Nullable String serviceKey,
		@DefaultValue("https://realtime.ifttt.com/v1/notifications") URI realtimeUrl,
		@DefaultValue @Valid Realtime realtime, @DefaultValue @Valid History history,
		@DefaultValue @Valid Identities identities, @DefaultValue @Valid DeviceNames deviceNames,
		@DefaultValue TestSetup testSetup) {

	/** Whether a service key is configured. */
	public boolean hasServiceKey() {
		return this.serviceKey != null && !this.serviceKey.isBlank();
	}

	@Override
	public String toString() {
		return "IftttProperties[serviceKey=" + (hasServiceKey() ? "(set)" : "(none)") + ", realtimeUrl="
				+ this.realtimeUrl + ", realtime=" + this.realtime + ", history=" + this.history + "]";
	}

	/**
	 * Realtime API notifications.
	 *
	 * @param enabled whether to send notifications at all (with a service key)
	 * @param window how long notifications are collected before they go out together
	 * @param maxBatchSize most entries in one request (IFTTT accepts up to 1000)
	 * @param maxAttempts attempts per batch when IFTTT answers 5xx/429 or cannot be
	 * reached, the first included
	 * @param initialBackoff wait before the first retry; doubled (with jitter) per retry
	 * @param maxBackoff longest wait between attempts
	 * @param connectTimeout TCP connect timeout
	 * @param requestTimeout time allowed for IFTTT to answer
	 * @param maxPendingBatches batches waiting for a retry at most; further failed
	 * batches are dropped (IFTTT's next poll picks their events up)
	 * @param notifyIftttChanges whether changes made by IFTTT itself ({@code source:
	 * ifttt}) notify; other applets may trigger on them
	 */
	public record Realtime(@DefaultValue("true") boolean enabled, @DefaultValue("100ms") Duration window,
			@DefaultValue("1000") @Min(1) @Max(1000) int maxBatchSize, @DefaultValue("5") @Min(1) int maxAttempts,
			@DefaultValue("1s") Duration initialBackoff, @DefaultValue("30s") Duration maxBackoff,
			@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration requestTimeout,
			@DefaultValue("100") @Min(1) int maxPendingBatches, @DefaultValue("true") boolean notifyIftttChanges) {

	}

	/**
	 * The event history the trigger endpoint serves.
	 *
	 * @param perProperty newest changes kept per user, device and property; since every
	 * trigger filter selects whole (device, property) groups, this guarantees the newest
	 * {@code perProperty} events for every filter combination
	 * @param perUser newest changes kept per user across all devices: the hard bound on a
	 * user's storage
	 * @param batchSize most events written in one transaction
	 * @param trimInterval how often the per-user bound is enforced (in the writing
	 * transaction): a user's history may exceed it by what arrives in one interval, and a
	 * busy stream does not walk every user's rows for every batch
	 * @param startFromOldest on a first start (empty store), read every event the
	 * publisher still retains instead of starting with the next live one
	 */
	public record History(@DefaultValue("50") @Min(50) int perProperty, @DefaultValue("5000") @Min(50) int perUser,
			@DefaultValue("500") @Min(1) int batchSize, @DefaultValue("1s") Duration trimInterval,
			@DefaultValue("false") boolean startFromOldest) {

	}

	/**
	 * Remembered trigger identities.
	 *
	 * @param ttl an identity IFTTT has not polled with for this long is forgotten
	 * (notifications for its user then go by {@code user_id})
	 * @param touchInterval how often a poll refreshes an identity's last-polled time
	 */
	public record Identities(@DefaultValue("30d") Duration ttl, @DefaultValue("1h") Duration touchInterval) {

	}

	/**
	 * Device names from the publisher's device API.
	 *
	 * @param ttl how long a name is cached
	 * @param failureTtl how long a failed lookup is remembered (the ingredient is left
	 * out meanwhile)
	 * @param maxEntries most names cached
	 * @param timeout time allowed for one lookup
	 */
	public record DeviceNames(@DefaultValue("10m") Duration ttl, @DefaultValue("30s") Duration failureTtl,
			@DefaultValue("10000") @Min(1) int maxEntries, @DefaultValue("2s") Duration timeout) {

	}

	/**
	 * IFTTT's endpoint-test setup ({@code POST /ifttt/v1/test/setup}).
	 *
	 * @param enabled whether the endpoint answers; off in production unless the IFTTT
	 * test account is configured
	 * @param userId the test user IFTTT's endpoint tests act as
	 * @param tenantId the test user's tenant
	 * @param deviceId a device of the test user, for the trigger's sample fields
	 * @param property a property of that device with at least three changes
	 * @param accessToken a token for the test user; when unset, and only with the dev
	 * sign-in enabled, one is signed with the HS256 secret
	 * @param tokenLifetime lifetime of a signed test token
	 */
	public record TestSetup(@DefaultValue("false") boolean enabled, @Nullable String userId,
			@DefaultValue("default") String tenantId, @Nullable String deviceId, @Nullable String property,
			@Nullable String accessToken, @DefaultValue("1h") Duration tokenLifetime) {

		@Override
		public String toString() {
			return "TestSetup[enabled=" + this.enabled + ", userId=" + this.userId + ", deviceId=" + this.deviceId
					+ ", property=" + this.property + ", accessToken="
					+ ((this.accessToken != null) ? "(set)" : "(none)") + "]";
		}

	}

}
