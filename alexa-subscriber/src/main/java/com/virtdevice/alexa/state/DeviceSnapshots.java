package com.virtdevice.alexa.state;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.virtdevice.alexa.grant.AlexaLinked;
import com.virtdevice.alexa.grant.AlexaUnlinked;
import com.virtdevice.events.DeviceStateEvent;
import org.jspecify.annotations.Nullable;
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

	/**
	 * Records the values {@code property_changed} events carry, in one statement whatever
	 * their number: per device property the newest event's value (a batch may hold
	 * several), which replaces a stored one only if that is older.
	 */
	public void apply(List<DeviceStateEvent> changes) {
		Map<String, DeviceStateEvent> newest = new LinkedHashMap<>();
		for (DeviceStateEvent change : changes) {
			if (change.property() != null && change.newValue() != null) {
				newest.merge(change.deviceId() + "\u0000" + change.property(), change,
						(known, later) -> (later.sequence() > known.sequence()) ? later : known);
			}
		}
		if (newest.isEmpty()) {
			return;
		}
		List<DeviceStateEvent> rows = List.copyOf(newest.values());
		this.jdbc
			.sql("""
					with changed as (
					    select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]::timestamptz[], ?::bigint[])
					        as c(device_id, user_id, name, value, time_of_sample, sequence)),
					snapshot as (
					    insert into device_snapshots (device_id, user_id, complete, updated_at)
					    select distinct on (device_id) device_id, user_id, false, ? from changed
					    on conflict (device_id) do update set updated_at = excluded.updated_at
					    returning device_id)
					insert into device_properties (device_id, name, value, time_of_sample, sequence)
					select c.device_id, c.name, c.value, c.time_of_sample, c.sequence from changed c join snapshot using (device_id)
					on conflict (device_id, name) do update
					    set value = excluded.value, time_of_sample = excluded.time_of_sample, sequence = excluded.sequence
					    where device_properties.sequence < excluded.sequence""")
			.params(column(rows, DeviceStateEvent::deviceId), column(rows, DeviceStateEvent::userId),
					column(rows, DeviceStateEvent::property), column(rows, DeviceStateEvent::newValue),
					column(rows, (change) -> change.timestamp().toString()),
					rows.stream().map(DeviceStateEvent::sequence).toArray(Long[]::new),
					Timestamp.from(this.clock.instant()))
			.update();
	}

	private static String[] column(List<DeviceStateEvent> rows, Function<DeviceStateEvent, @Nullable String> value) {
		return rows.stream().map(value).toArray(String[]::new);
	}

	/**
	 * Every property value known for the device. If the snapshot is not complete yet, the
	 * publisher is asked once; its answer reflects at least every event up to
	 * {@code asOfSequence} (the newest event being reported), which orders it against
	 * events that arrive later. If the publisher cannot answer, what is known is returned
	 * and the report goes with a partial context. One statement when complete.
	 */
	public DeviceState current(String deviceId, String userId, long asOfSequence) {
		DeviceState known = read(deviceId);
		if (known.complete()) {
			return known;
		}
		return load(deviceId, userId, asOfSequence) ? read(deviceId) : known;
	}

	private DeviceState read(String deviceId) {
		Map<String, KnownValue> values = new LinkedHashMap<>();
		boolean[] complete = { false };
		this.jdbc.sql("""
				select s.complete, p.name, p.value, p.time_of_sample
				from device_snapshots s left join device_properties p on p.device_id = s.device_id
				where s.device_id = ?""").param(deviceId).query((rs) -> {
			complete[0] = rs.getBoolean(1);
			if (rs.getString(2) != null) {
				values.put(rs.getString(2), new KnownValue(rs.getString(3), rs.getTimestamp(4).toInstant()));
			}
		});
		return new DeviceState(values, complete[0]);
	}

	/** Deleted devices: nothing more to report about them. One statement. */
	public void forgetDevices(Collection<String> deviceIds) {
		if (!deviceIds.isEmpty()) {
			this.jdbc.sql("delete from device_snapshots where device_id = any(?)")
				.param(deviceIds.toArray(String[]::new))
				.update();
		}
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

	/** Completes the snapshot from the publisher; false if it could not. */
	private boolean load(String deviceId, String userId, long asOfSequence) {
		Optional<Map<String, String>> properties;
		try {
			properties = this.publisher.properties(deviceId);
		}
		catch (PublisherUnavailable ex) {
			log.warn("Could not load the properties of device {} from the publisher ({}); reporting with the "
					+ "properties known from events", deviceId, ex.getMessage());
			return false;
		}
		if (properties.isEmpty()) {
			log.info("The publisher does not know device {}; reporting with the properties known from events",
					deviceId);
			return false;
		}
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			touch(deviceId, userId);
			properties.get().forEach((name, value) -> upsert(deviceId, name, value, now, asOfSequence));
			this.jdbc.sql("update device_snapshots set complete = true where device_id = :deviceId")
				.param("deviceId", deviceId)
				.update();
		});
		return true;
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
