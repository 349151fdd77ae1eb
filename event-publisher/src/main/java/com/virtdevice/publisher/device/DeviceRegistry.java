package com.virtdevice.publisher.device;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.publisher.outbox.RelayWakeup;
import com.virtdevice.support.security.HubPrincipal;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and deletes devices. Each is one transaction that also records its lifecycle
 * event; the relay is woken when it commits.
 */
@Service
class DeviceRegistry {

	private final Devices devices;

	private final DeviceAccess access;

	private final RelayWakeup relay;

	DeviceRegistry(Devices devices, DeviceAccess access, RelayWakeup relay) {
		this.devices = devices;
		this.access = access;
		this.relay = relay;
	}

	@Transactional
	Device create(HubPrincipal owner, String name, String type, Map<String, String> properties, ChangeSource source) {
		Map<String, String> values = new LinkedHashMap<>(properties);
		PropertyRules.checkValues(values, true);
		String id = UUID.randomUUID().toString();
		this.devices.beginChange(source);
		this.devices.create(id, owner.userId(), owner.tenantId(), name, type, values, UUID.randomUUID());
		this.relay.afterCommit();
		return this.devices.find(id).orElseThrow();
	}

	@Transactional
	void delete(HubPrincipal owner, String id) {
		this.access.owned(owner, id);
		this.devices.beginChange(ChangeSource.API);
		if (!this.devices.delete(id, UUID.randomUUID())) {
			throw new DeviceNotFound(id);
		}
		this.relay.afterCommit();
	}

}
