package com.virtdevice.alexa.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.virtdevice.alexa.delivery.BatchIntake.Found;
import com.virtdevice.alexa.report.AlexaStateProperty;
import com.virtdevice.alexa.report.PropertyMapping;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.support.events.StreamedEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From event to report. The dispatcher thread does the database work of a whole batch of
 * events in a few statements, then queues each event on its device's lane; there it joins
 * the device's waiting batch. A batch goes out when its coalescing window closes (or, for
 * replayed history, once the replay of that device has settled), one report in flight per
 * device at a time: changes arriving meanwhile wait in the next batch, so a throttled
 * device coalesces more instead of queueing stale reports.
 */
final class ReportPipeline {

	private static final Logger log = LoggerFactory.getLogger(ReportPipeline.class);

	private final DeviceLanes lanes;

	private final InFlightEvents inFlight;

	private final BatchIntake intake;

	private final PropertyMapping mapping;

	private final ReportSender sender;

	private final DeliveryMetrics metrics;

	private final Settings settings;

	private final Clock clock;

	private final ConcurrentMap<String, DeviceWork> devices = new ConcurrentHashMap<>();

	ReportPipeline(DeviceLanes lanes, InFlightEvents inFlight, BatchIntake intake, PropertyMapping mapping,
			ReportSender sender, DeliveryMetrics metrics, Settings settings, Clock clock) {
		this.lanes = lanes;
		this.inFlight = inFlight;
		this.intake = intake;
		this.mapping = mapping;
		this.sender = sender;
		this.metrics = metrics;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Takes a batch of events from the stream's dispatcher thread. What needs the
	 * database is done here for the whole batch ({@link BatchIntake}); then each event is
	 * queued on its device's lane, in order.
	 */
	void accept(List<StreamedEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		events.forEach((streamed) -> this.inFlight.begin(streamed.sequence()));
		Found found;
		try {
			found = this.intake.prepare(events);
		}
		catch (RuntimeException ex) {
			log.error("Could not handle events {} (sequences {} to {})",
					events.stream().map((streamed) -> streamed.event().eventId()).toList(), events.get(0).sequence(),
					events.get(events.size() - 1).sequence(), ex);
			this.metrics.skipped("failed", events.size());
			events.forEach((streamed) -> end(streamed.event()));
			return;
		}
		for (StreamedEvent streamed : events) {
			try {
				this.lanes.submit(streamed.event().deviceId(), () -> intake(streamed, found));
			}
			catch (RuntimeException ex) {
				end(streamed.event());
				throw ex;
			}
		}
	}

	/** Devices with a report waiting or in flight. */
	int devicesWithWork() {
		return this.devices.size();
	}

	private void intake(StreamedEvent streamed, Found found) {
		DeviceStateEvent event = streamed.event();
		try {
			switch (event.type()) {
				case PROPERTY_CHANGED -> changed(event, streamed.replayed(), found);
				case DEVICE_DELETED -> deleted(event);
				case DEVICE_CREATED -> end(event);
			}
		}
		catch (RuntimeException ex) {
			log.error("Could not handle event {} (sequence {}) of device {}", event.eventId(), event.sequence(),
					event.deviceId(), ex);
			this.metrics.skipped("failed", 1);
			end(event);
		}
	}

	/** The snapshot already holds the change (see {@link BatchIntake#prepare}). */
	private void changed(DeviceStateEvent event, boolean replayed, Found found) {
		String property = event.property();
		String value = event.newValue();
		if (property == null || value == null || !found.linked().contains(BatchIntake.account(event))) {
			skip("not_linked", event);
			return;
		}
		if (replayed && found.reported().contains(event.eventId())) {
			skip("duplicate", event);
			return;
		}
		Optional<AlexaStateProperty> mapped = this.mapping.find(property);
		if (mapped.isEmpty()) {
			skip("unmapped", event);
			return;
		}
		DeviceWork work = this.devices.computeIfAbsent(event.deviceId(), (id) -> new DeviceWork());
		ChangeBatch pending = work.pending;
		boolean reportable = event.source() != ChangeSource.ALEXA || this.settings.reportAlexaInitiated();
		if (!reportable) {
			if (pending != null && pending.touches(property)) {
				pending.add(event, property, value, false);
				this.metrics.coalesced();
			}
			else {
				skip("alexa_initiated", event);
				retireIfIdle(event.deviceId(), work);
			}
			return;
		}
		Instant now = this.clock.instant();
		if (pending == null) {
			pending = new ChangeBatch(event.deviceId(), event.userId(), event.tenantId(),
					now.plus(this.settings.coalesceWindow()));
			work.pending = pending;
			checkLater(event.deviceId(), this.settings.coalesceWindow());
		}
		else {
			this.metrics.coalesced();
		}
		pending.add(event, property, value, true);
		if (replayed) {
			pending.holdUntil(now.plus(this.settings.catchUpSettle()));
		}
	}

	/** The snapshot is already gone (see {@link BatchIntake#prepare}). */
	private void deleted(DeviceStateEvent event) {
		DeviceWork work = this.devices.get(event.deviceId());
		if (work != null && work.pending != null) {
			ChangeBatch dropped = work.pending;
			work.pending = null;
			this.metrics.skipped("device_deleted", dropped.events().size());
			dropped.events().forEach(this::end);
			retireIfIdle(event.deviceId(), work);
		}
		end(event);
	}

	/** Sends the device's waiting batch if its time has come and nothing is in flight. */
	private void flushIfDue(String deviceId) {
		DeviceWork work = this.devices.get(deviceId);
		if (work == null || work.pending == null || work.sending != null) {
			return;
		}
		Duration wait = Duration.between(this.clock.instant(), work.pending.flushAt());
		if (!wait.isNegative() && !wait.isZero()) {
			checkLater(deviceId, wait);
			return;
		}
		ChangeBatch batch = work.pending;
		work.pending = null;
		work.sending = batch;
		this.sender.send(batch, () -> sent(deviceId, batch));
	}

	private void sent(String deviceId, ChangeBatch batch) {
		batch.events().forEach(this::end);
		DeviceWork work = this.devices.get(deviceId);
		if (work == null) {
			return;
		}
		work.sending = null;
		if (work.pending != null) {
			flushIfDue(deviceId);
		}
		else {
			retireIfIdle(deviceId, work);
		}
	}

	private void checkLater(String deviceId, Duration delay) {
		this.lanes.submitLater(deviceId, delay, () -> flushIfDue(deviceId));
	}

	private void retireIfIdle(String deviceId, DeviceWork work) {
		if (work.pending == null && work.sending == null) {
			this.devices.remove(deviceId, work);
		}
	}

	private void skip(String reason, DeviceStateEvent event) {
		this.metrics.skipped(reason, 1);
		end(event);
	}

	private void end(DeviceStateEvent event) {
		this.inFlight.end(event.sequence());
	}

	/** What one device has waiting and in flight; lane-confined. */
	private static final class DeviceWork {

		@Nullable ChangeBatch pending;

		@Nullable ChangeBatch sending;

	}

	/**
	 * The pipeline's settings.
	 *
	 * @param coalesceWindow how long a batch collects changes after its first
	 * @param catchUpSettle how long replayed history of a device must be quiet before it
	 * is reported
	 * @param reportAlexaInitiated whether changes made through Alexa are reported
	 */
	record Settings(Duration coalesceWindow, Duration catchUpSettle, boolean reportAlexaInitiated) {

	}

}
