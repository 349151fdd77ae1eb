package com.virtdevice.publisher.device;

import com.virtdevice.support.security.HubPrincipal;

import org.springframework.stereotype.Component;

/**
 * Who may see and change which device: owners their own devices, in their own tenant;
 * tokens with {@code ops:read} may read any. Anything else is a {@link DeviceNotFound}.
 */
@Component
public class DeviceAccess {

	private final Devices devices;

	DeviceAccess(Devices devices) {
		this.devices = devices;
	}

	/** The device, if the caller may read it. */
	public Device readable(HubPrincipal caller, String id) {
		return this.devices.find(id)
			.filter((device) -> caller.isOperator() || isOwner(caller, device))
			.orElseThrow(() -> new DeviceNotFound(id));
	}

	/** The device, if the caller owns it. */
	public Device owned(HubPrincipal caller, String id) {
		return this.devices.find(id)
			.filter((device) -> isOwner(caller, device))
			.orElseThrow(() -> new DeviceNotFound(id));
	}

	private static boolean isOwner(HubPrincipal caller, Device device) {
		return device.userId().equals(caller.userId()) && device.tenantId().equals(caller.tenantId());
	}

}
