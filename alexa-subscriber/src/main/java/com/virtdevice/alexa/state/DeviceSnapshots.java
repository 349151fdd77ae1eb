package com.virtdevice.alexa.state;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.virtdevice.alexa.grant.AlexaLinked;
import com.virtdevice.alexa.grant.AlexaUnlinked;
import com.virtdevice.events.DeviceStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The current properties of linked users' devices, so a ChangeReport can carry the
 * device's other properties in its context. Kept from events (cheap: one statement per
 * event of a linked user) and completed once per device from the publisher's device API
 * on the first miss: device creation publishes no property events, so events alone never
 * know the initial values. A value only ever replaces an older one (by sequence), so
 * events replayed late cannot overwrite newer knowledge.
 */
public final class DeviceSnapshots {

	private static final Logger log = LoggerFactory.getLogger(DeviceSnapshots.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final PublisherDevices publisher;

	private final Clock clock;

	DeviceSnapshots(JdbcClient jdbc, TransactionTemplate transactions, PublisherDevices publisher, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.publisher = publisher;
		this.clock = clock;
	}

	/** Records the value a {@code property_changed} event carries. */
	public void apply(DeviceStateEvent event) {
		String property = event.property();
		String value = event.newValue();
		if (property == null || value == null) {
			return;
		}
		// One statement, one round trip: the device's snapshot row, then the value.
		this.jdbc.sql("""
				with snapshot as (
				    insert into device_snapshots (device_id, user_id, complete, updated_at)
				    values (:deviceId, :userId, false, :now)
				    on conflict (device_id) do update set updated_at = excluded.updated_at
				    returning device_id)
				insert into device_properties (device_id, name, value, time_of_sample, sequence)
				select device_id, :name, :value, :timeOfSample, :sequence from snapshot
				on conflict (device_id, name) do update
				    set value = excluded.value, time_of_sample = excluded.time_of_sample, sequence = excluded.sequence
				    where device_properties.sequence < excluded.sequence""")
			.param("deviceId", event.deviceId())
			.param("userId", event.userId())
			.param("now", Timestamp.from(this.clock.instant()))
			.param("name", property)
			.param("value", value)
			.param("timeOfSample", Timestamp.from(event.timestamp()))
			.param("sequence", event.sequence())
			.update();
	}

	/**
	 * Every property value known for the device. If the snapshot is not complete yet, the
	 * publisher is asked once; its answer reflects at least every event up to
	 * {@code asOfSequence} (the newest event being reported), which orders it against
	 * events that arrive later. If the publisher cannot answer, what is known is returned
	 * and the report goes with a partial context.
	 */
	public DeviceState current(String deviceId, String userId, long asOfSequence) {
		if (!isComplete(deviceId)) {
			load(deviceId, userId, asOfSequence);
		}
		Map<String, KnownValue> values = new LinkedHashMap<>();
		this.jdbc.sql("select name, value, time_of_sample from device_properties where device_id = :deviceId")
			.param("deviceId", deviceId)
			.query((rs) -> {
				values.put(rs.getString(1), new KnownValue(rs.getString(2), rs.getTimestamp(3).toInstant()));
			});
		return new DeviceState(values, isComplete(deviceId));
	}

	/** A deleted device: nothing more to report about it. */
	public void forgetDevice(String deviceId) {
		this.jdbc.sql("delete from device_snapshots where device_id = :deviceId").param("deviceId", deviceId).update();
	}

	/**
	 * Snapshots of a user who links or unlinks are dropped: while not linked, the user's
	 * events were not followed.
	 */
	@EventListener
	void onLinked(AlexaLinked linked) {
		forgetUser(linked.userId());
	}

	@EventListener
	void onUnlinked(AlexaUnlinked unlinked) {
		forgetUser(unlinked.userId());
	}

	private void forgetUser(String userId) {
		this.jdbc.sql("delete from device_snapshots where user_id = :userId").param("userId", userId).update();
	}

	private boolean isComplete(String deviceId) {
		return this.jdbc.sql("select complete from device_snapshots where device_id = :deviceId")
			.param("deviceId", deviceId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	private void load(String deviceId, String userId, long asOfSequence) {
		Optional<Map<String, String>> properties;
		try {
			properties = this.publisher.properties(deviceId);
		}
		catch (PublisherUnavailable ex) {
			log.warn("Could not load the properties of device {} from the publisher ({}); reporting with the "
					+ "properties known from events", deviceId, ex.getMessage());
			return;
		}
		if (properties.isEmpty()) {
			log.info("The publisher does not know device {}; reporting with the properties known from events",
					deviceId);
			return;
		}
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			touch(deviceId, userId);
			properties.get().forEach((name, value) -> upsert(deviceId, name, value, now, asOfSequence));
			this.jdbc.sql("update device_snapshots set complete = true where device_id = :deviceId")
				.param("deviceId", deviceId)
				.update();
		});
	}

	private void touch(String deviceId, String userId) {
		this.jdbc.sql("""
				insert into device_snapshots (device_id, user_id, complete, updated_at)
				values (:deviceId, :userId, false, :now)
				on conflict (device_id) do update set updated_at = excluded.updated_at""")
			.param("deviceId", deviceId)
			.param("userId", userId)
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	private void upsert(String deviceId, String name, String value, Instant timeOfSample, long sequence) {
		this.jdbc.sql("""
				insert into device_properties (device_id, name, value, time_of_sample, sequence)
				values (:deviceId, :name, :value, :timeOfSample, :sequence)
				on conflict (device_id, name) do update
				    set value = excluded.value, time_of_sample = excluded.time_of_sample, sequence = excluded.sequence
				    where device_properties.sequence < excluded.sequence""")
			.param("deviceId", deviceId)
			.param("name", name)
			.param("value", value)
			.param("timeOfSample", Timestamp.from(timeOfSample))
			.param("sequence", sequence)
			.update();
	}

}
