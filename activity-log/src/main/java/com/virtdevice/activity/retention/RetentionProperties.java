package com.virtdevice.activity.retention;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long audit rows are kept.
 *
 * @param enabled whether the purge runs on its schedule
 * @param maxAge rows whose event is older than this are purged (docs/contract.md §6: 365
 * days)
 * @param batchSize most rows deleted per statement (each its own short transaction), so a
 * large backlog never holds long locks or one huge transaction
 * @param interval pause between the end of one purge and the start of the next
 * @param initialDelay wait after start-up before the first purge
 */
@Validated
@ConfigurationProperties("virtdevice.activity.retention")
public record RetentionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("365d") Duration maxAge,
		@DefaultValue("5000") @Min(1) int batchSize, @DefaultValue("1h") Duration interval,
		@DefaultValue("1m") Duration initialDelay) {

}
