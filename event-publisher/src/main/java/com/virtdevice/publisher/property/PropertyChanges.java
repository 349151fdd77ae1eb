package com.virtdevice.publisher.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.publisher.device.Device;
import com.virtdevice.publisher.device.Devices;
import com.virtdevice.publisher.device.PropertyRules;
import com.virtdevice.publisher.outbox.RelayWakeup;
import com.virtdevice.support.security.HubPrincipal;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sets property values: all of a request in one transaction, one recorded event per value
 * that actually changed, none for values already in place. With an idempotency key, a
 * retried request returns the first outcome and records nothing.
 */
@Service
public class PropertyChanges {

	private final JdbcClient jdbc;

	private final Devices devices;

	private final IdempotencyKeys idempotencyKeys;

	private final RelayWakeup relay;

	private final JsonMapper json;

	PropertyChanges(JdbcClient jdbc, Devices devices, IdempotencyKeys idempotencyKeys, RelayWakeup relay,
			JsonMapper json) {
		this.jdbc = jdbc;
		this.devices = devices;
		this.idempotencyKeys = idempotencyKeys;
		this.relay = relay;
		this.json = json;
	}

	/**
	 * Applies the values to a device the caller may change.
	 * @param device the device, found by the caller's access rules
	 * @param values validated with {@link PropertyRules}
	 * @param idempotency the key scope and key, if the request carries one
	 * @return the outcome, and whether it is a replay of an earlier one
	 */
	@Transactional
	public Outcome apply(Device device, Map<String, String> values, ChangeSource source,
			@Nullable IdempotencyKey idempotency) {
		this.devices.beginChange(source);
		return applyBegun(device.id(), values, source, idempotency);
	}

	/**
	 * Applies the values to a device if the caller owns it: the ownership check is the
	 * transaction's first statement, so a property change costs three round trips to
	 * PostgreSQL (check, change, commit).
	 * @param caller who asks
	 * @param deviceId the device
	 * @param values validated with {@link PropertyRules}
	 * @param idempotency the key scope and key, if the request carries one
	 * @return the outcome, and whether it is a replay of an earlier one
	 * @throws com.virtdevice.publisher.device.DeviceNotFound if the caller does not own
	 * such a device
	 */
	@Transactional
	public Outcome applyOwned(HubPrincipal caller, String deviceId, Map<String, String> values, ChangeSource source,
			@Nullable IdempotencyKey idempotency) {
		this.devices.beginChangeOf(deviceId, caller.userId(), caller.tenantId(), source);
		return applyBegun(deviceId, values, source, idempotency);
	}

	private Outcome applyBegun(String deviceId, Map<String, String> values, ChangeSource source,
			@Nullable IdempotencyKey idempotency) {
		if (idempotency != null) {
			Optional<String> earlier = this.idempotencyKeys.claim(idempotency.scope(), idempotency.key(),
					deviceId + " " + source.wireName() + " " + this.json.writeValueAsString(values));
			if (earlier.isPresent()) {
				return new Outcome(this.json.readValue(earlier.get(), PropertiesChanged.class), true);
			}
		}
		PropertiesChanged changed = new PropertiesChanged(deviceId, change(deviceId, values));
		if (idempotency != null) {
			this.idempotencyKeys.complete(idempotency.scope(), idempotency.key(),
					this.json.writeValueAsString(changed));
		}
		return new Outcome(changed, false);
	}

	private List<PropertyChanged> change(String deviceId, Map<String, String> values) {
		String[] names = values.keySet().toArray(String[]::new);
		String[] newValues = values.values().toArray(String[]::new);
		UUID[] eventIds = new UUID[names.length];
		for (int i = 0; i < eventIds.length; i++) {
			eventIds[i] = UUID.randomUUID();
		}
		List<PropertyChanged> results = new ArrayList<>(this.jdbc
			.sql("SELECT name, old_value, new_value, changed, event_id FROM publisher.change_properties(?, ?, ?, ?)")
			.params(deviceId, names, newValues, eventIds)
			.query((row, number) -> new PropertyChanged(deviceId, row.getString("name"), row.getString("old_value"),
					row.getString("new_value"), row.getBoolean("changed"), row.getObject("event_id", UUID.class)))
			.list());
		if (results.stream().anyMatch(PropertyChanged::changed)) {
			this.relay.afterCommit();
		}
		return results;
	}

	/**
	 * An idempotency key and the scope it is unique in (a caller, a webhook).
	 *
	 * @param scope e.g. {@code user:<tenant>:<user>}
	 * @param key the client's key
	 */
	public record IdempotencyKey(String scope, String key) {
	}

	/**
	 * @param changes what happened
	 * @param replayed whether this repeats the outcome of an earlier request with the key
	 */
	public record Outcome(PropertiesChanged changes, boolean replayed) {
	}

}
