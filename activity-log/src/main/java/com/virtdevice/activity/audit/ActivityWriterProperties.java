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
 * @param queueCapacity events held between the event stream and the writer; when full,
 * the stream waits (back-pressure) and its own buffer spills to the replay API
 * @param batchSize most rows per transaction (also Hibernate's JDBC batch size)
 * @param maxDelay how long the writer waits for a batch to fill before writing what it
 * has: the most an event waits for its row when traffic is light
 * @param stallWarning how long the stream may wait for room in a full queue before each
 * warning (it keeps waiting: an event is never dropped)
 * @param maxRetryBackoff longest pause between attempts to write a batch the database
 * refused for a reason that may pass (connection lost, database down)
 * @param shutdownTimeout how long stopping waits for queued events to be written; what is
 * left is fetched from the replay API at the next start
 */
@Validated
@ConfigurationProperties("virtdevice.activity.writer")
public record ActivityWriterProperties(@DefaultValue("10000") @Min(1) int queueCapacity,
		@DefaultValue("500") @Min(1) @Max(10_000) int batchSize, @DefaultValue("50ms") Duration maxDelay,
		@DefaultValue("10s") Duration stallWarning, @DefaultValue("10s") Duration maxRetryBackoff,
		@DefaultValue("10s") Duration shutdownTimeout) {

}
