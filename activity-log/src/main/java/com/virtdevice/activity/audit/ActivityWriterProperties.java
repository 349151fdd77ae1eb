package com.virtdevice.activity.audit;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How events become rows.
 *
 * @param batchSize most rows per transaction (also Hibernate's JDBC batch size)
 * @param maxRetryBackoff longest pause between attempts to write a batch the database
 * refused for a reason that may pass (connection lost, database down)
 */
@Validated
@ConfigurationProperties("virtdevice.activity.writer")
public record ActivityWriterProperties(@DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
		@DefaultValue("10s") Duration maxRetryBackoff) {

}
