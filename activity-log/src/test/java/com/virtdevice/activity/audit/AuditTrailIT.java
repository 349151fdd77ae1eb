package com.virtdevice.activity.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.virtdevice.activity.ActivityLogTestBase;
import com.virtdevice.activity.ApiClient.Answer;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * From an event on Redis to a row: every event type, once each, gaps filled, health and
 * metrics.
 */
class AuditTrailIT extends ActivityLogTestBase {

	@Autowired
	private RetryingBatchWriter writer;

	@Autowired
	private ActivityWriterMetrics writerMetrics;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private BatchStore store;

	@Test
	void recordsAPropertyChangeAsOneQueryableRow() {
		String tenant = unique("tenant");
		String device = device("alice", tenant);
		DeviceStateEvent event = publisher.change(device, "powerState", "ON", ChangeSource.WEB);
		awaitRows(device, 1);

		Answer answer = this.api.get("/api/activity?deviceId=" + device, token("alice", tenant, "activity:read"));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().path("items")).hasSize(1);
		JsonNode item = answer.json().path("items").get(0);
		assertThat(item.path("id").asLong()).isPositive();
		assertThat(item.path("eventId").asString()).isEqualTo(event.eventId().toString());
		assertThat(item.path("sequence").asLong()).isEqualTo(event.sequence());
		assertThat(item.path("tenantId").asString()).isEqualTo(tenant);
		assertThat(item.path("userId").asString()).isEqualTo("alice");
		assertThat(item.path("deviceId").asString()).isEqualTo(device);
		assertThat(item.path("action").asString()).isEqualTo("property_changed");
		assertThat(item.path("source").asString()).isEqualTo("web");
		assertThat(item.path("details").path("property").asString()).isEqualTo("powerState");
		assertThat(item.path("details").path("oldValue").asString()).isEqualTo("OFF");
		assertThat(item.path("details").path("newValue").asString()).isEqualTo("ON");
		assertThat(Instant.parse(item.path("occurredAt").asString())).isEqualTo(event.timestamp());
		assertThat(Instant.parse(item.path("recordedAt").asString())).isAfterOrEqualTo(event.timestamp());
		assertThat(answer.json().path("nextCursor").isNull()).isTrue();
	}

	@Test
	void recordsDeviceCreationAndDeletionFromTheGlobalChannel() {
		String tenant = unique("tenant");
		String device = device("bob", tenant);
		publisher.lifecycle(device, EventType.DEVICE_CREATED);
		publisher.change(device, "brightness", "80", ChangeSource.ALEXA);
		publisher.lifecycle(device, EventType.DEVICE_DELETED);
		awaitRows(device, 3);

		JsonNode items = this.api.get("/api/activity?deviceId=" + device, operatorToken()).json().path("items");

		assertThat(items.valueStream().map((item) -> item.path("action").asString())).containsExactly("device_deleted",
				"property_changed", "device_created");
		JsonNode deleted = items.get(0).path("details");
		assertThat(deleted.path("property").isNull()).isTrue();
		assertThat(deleted.path("oldValue").isNull()).isTrue();
		assertThat(deleted.path("newValue").isNull()).isTrue();
		assertThat(items.get(1).path("details").path("oldValue").isNull()).isTrue();
	}

	@Test
	void storesARedeliveredMessageOnce() {
		String device = device("carol", unique("tenant"));
		DeviceStateEvent first = publisher.change(device, "powerState", "ON", ChangeSource.API);
		publisher.publish(first);
		publisher.publish(first);
		DeviceStateEvent second = publisher.change(device, "powerState", "OFF", ChangeSource.API);

		awaitRows(device, 2);

		assertThat(rowsOf(device)).containsExactly(first.eventId(), second.eventId());
	}

	@Test
	void skipsAnEventWhoseEventIdIsAlreadyStoredAndCountsIt() throws InterruptedException {
		String device = device("dave", unique("tenant"));
		DeviceStateEvent stored = publisher.change(device, "powerState", "ON", ChangeSource.API);
		awaitRows(device, 1);
		long duplicatesBefore = this.writerMetrics.duplicatesSkipped();

		// The same event again, as a replay after a crash or a second instance would
		// bring it.
		this.writer.write(
				List.of(stored,
						new DeviceStateEvent(stored.type(), stored.eventId(), stored.sequence() + 1_000_000,
								stored.deviceId(), stored.userId(), stored.tenantId(), stored.property(),
								stored.oldValue(), "changed", stored.source(), stored.timestamp())),
				() -> Long.MAX_VALUE);

		assertThat(this.writerMetrics.duplicatesSkipped()).isEqualTo(duplicatesBefore + 2);
		assertThat(rowsOf(device)).containsExactly(stored.eventId());
		assertThat(this.meters.counter("virtdevice.activity.duplicates.skipped").count()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void storesOneRowWhenABatchHoldsTheSameEventIdTwice() {
		String device = unique("dev");
		DeviceStateEvent event = DeviceStateEvent.propertyChanged(UUID.randomUUID(), 1, device, "ivan",
				unique("tenant"), "powerState", null, "ON", ChangeSource.API, Instant.now());

		BatchStore.Outcome outcome = this.store.store(List.of(event, event));

		assertThat(outcome).isEqualTo(new BatchStore.Outcome(1, 1));
		assertThat(rowsOf(device)).containsExactly(event.eventId());
	}

	@Test
	void fillsAGapInTheLiveStreamFromTheReplayApi() {
		String device = device("erin", unique("tenant"));
		double gapsBefore = this.meters.counter("virtdevice.events.gaps").count();
		List<UUID> missed = List.of(publisher.recordOnly(device, "level", "1", ChangeSource.IFTTT).eventId(),
				publisher.recordOnly(device, "level", "2", ChangeSource.IFTTT).eventId(),
				publisher.recordOnly(device, "level", "3", ChangeSource.IFTTT).eventId());
		UUID live = publisher.change(device, "level", "4", ChangeSource.IFTTT).eventId();

		awaitRows(device, 4);

		assertThat(rowsOf(device)).containsExactly(missed.get(0), missed.get(1), missed.get(2), live);
		assertThat(this.meters.counter("virtdevice.events.gaps").count()).isGreaterThan(gapsBefore);
	}

	@Test
	void storesAValueJsonbCannotHoldWithAReplacementCharacter() {
		String tenant = unique("tenant");
		String device = device("frank", tenant);
		publisher.change(device, "label", "a\u0000b", ChangeSource.API);
		awaitRows(device, 1);

		JsonNode item = this.api.get("/api/activity?deviceId=" + device, operatorToken()).json().path("items").get(0);

		assertThat(item.path("details").path("newValue").asString()).isEqualTo("a\uFFFDb");
	}

	@Test
	void reportsTheWriterAndTheStreamInHealth() {
		String device = device("gina", unique("tenant"));
		publisher.change(device, "powerState", "ON", ChangeSource.WEB);
		awaitRows(device, 1);

		JsonNode components = this.api.get("/actuator/health", null).json().path("components");

		JsonNode writer = components.path("activityWriter");
		assertThat(writer.path("status").asString()).isEqualTo("UP");
		assertThat(writer.path("details").path("writing").asBoolean()).isTrue();
		assertThat(writer.path("details").path("rowsWritten").asLong()).isPositive();
		assertThat(writer.path("details").path("lastBatch").path("size").asInt()).isPositive();
		assertThat(writer.path("details").path("storedSequence").asLong()).isPositive();
		assertThat(writer.path("details").path("storedLag").asLong()).isNotNegative();
		assertThat(components.path("eventStream").path("status").asString()).isEqualTo("UP");
		assertThat(components.path("eventStream").path("details").path("position").asLong())
			.isGreaterThanOrEqualTo(publisher.latestSequence());
		assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
		assertThat(components.path("redis").path("status").asString()).isEqualTo("UP");
	}

	@Test
	void exportsWriterMetricsForPrometheus() {
		String device = device("hank", unique("tenant"));
		publisher.change(device, "powerState", "ON", ChangeSource.WEB);
		awaitRows(device, 1);

		String metrics = this.api.get("/actuator/prometheus", null).body();

		assertThat(metrics).contains("virtdevice_activity_rows_written_total",
				"virtdevice_activity_duplicates_skipped_total", "virtdevice_activity_batch_size_count",
				"virtdevice_activity_write_latency_seconds_count", "virtdevice_activity_record_delay_seconds_count",
				"virtdevice_events_queue_size", "virtdevice_events_gaps_total", "virtdevice_events_overflow_total");
	}

}
