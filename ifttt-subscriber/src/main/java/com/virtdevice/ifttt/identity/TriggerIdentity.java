package com.virtdevice.ifttt.identity;

import com.virtdevice.events.DeviceStateEvent;
import org.jspecify.annotations.Nullable;

/**
 * A trigger identity IFTTT polled with: one applet's trigger, with its owner and its
 * trigger fields.
 *
 * @param identity IFTTT's {@code trigger_identity}
 * @param userId the user whose token polled with it
 * @param tenantId that user's tenant
 * @param deviceId the {@code device_id} trigger field, or {@code null} for any device
 * @param property the {@code property} trigger field, or {@code null} for any property
 */
public record TriggerIdentity(String identity, String userId, String tenantId, @Nullable String deviceId,
		@Nullable String property) {

	/** The identity's owner. */
	public IftttUser owner() {
		return new IftttUser(this.tenantId, this.userId);
	}

	/** Whether the event is one this trigger's polls return. */
	public boolean matches(DeviceStateEvent event) {
		return this.userId.equals(event.userId()) && this.tenantId.equals(event.tenantId())
				&& (this.deviceId == null || this.deviceId.equals(event.deviceId()))
				&& (this.property == null || this.property.equals(event.property()));
	}

}
