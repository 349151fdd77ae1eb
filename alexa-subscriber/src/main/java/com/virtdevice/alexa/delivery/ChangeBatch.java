package com.virtdevice.alexa.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.virtdevice.alexa.report.ChangeCause;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;

/**
 * The changes of one device waiting to go out as one report: per property the latest
 * value wins. Touched only from the device's lane.
 */
final class ChangeBatch {

	private final String deviceId;

	private final String userId;

	private final String tenantId;

	private final Map<String, PendingChange> changes = new LinkedHashMap<>();

	private final List<DeviceStateEvent> events = new ArrayList<>();

	private ChangeSource causeSource = ChangeSource.API;

	private Instant flushAt;

	ChangeBatch(String deviceId, String userId, String tenantId, Instant flushAt) {
		this.deviceId = deviceId;
		this.userId = userId;
		this.tenantId = tenantId;
		this.flushAt = flushAt;
	}

	/**
	 * Folds in a change. A change that is not reported by itself (an Alexa-initiated one)
	 * still updates a property already waiting, so the report tells the latest value.
	 */
	void add(DeviceStateEvent event, String property, String value, boolean reportable) {
		this.changes.put(property, new PendingChange(property, value, event.timestamp(), event));
		this.events.add(event);
		if (reportable) {
			this.causeSource = event.source();
		}
	}

	boolean touches(String property) {
		return this.changes.containsKey(property);
	}

	/** Holds the report back at least until then (replayed history settling). */
	void holdUntil(Instant instant) {
		if (instant.isAfter(this.flushAt)) {
			this.flushAt = instant;
		}
	}

	String deviceId() {
		return this.deviceId;
	}

	String userId() {
		return this.userId;
	}

	String tenantId() {
		return this.tenantId;
	}

	Instant flushAt() {
		return this.flushAt;
	}

	Collection<PendingChange> changes() {
		return this.changes.values();
	}

	List<DeviceStateEvent> events() {
		return this.events;
	}

	/** The cause of the latest reported change. */
	ChangeCause cause() {
		return ChangeCause.of(this.causeSource);
	}

	long newestSequence() {
		return this.events.stream().mapToLong(DeviceStateEvent::sequence).max().orElse(0);
	}

	Instant oldestChange() {
		return this.events.stream().map(DeviceStateEvent::timestamp).min(Instant::compareTo).orElse(Instant.now());
	}

	/**
	 * The latest value of one property.
	 *
	 * @param property the VirtDevice property
	 * @param value its value
	 * @param timeOfSample the commit time of the change
	 * @param event the event that carried it
	 */
	record PendingChange(String property, String value, Instant timeOfSample, DeviceStateEvent event) {

	}

}
