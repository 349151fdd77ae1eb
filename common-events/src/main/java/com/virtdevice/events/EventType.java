package com.virtdevice.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * What happened to a device. The wire name is the value of the event's {@code type}
 * field.
 */
public enum EventType {

	/**
	 * A property of a device took a new value. Published on the device and user channels.
	 */
	PROPERTY_CHANGED("property_changed"),

	/** A device was created. Published on the user channel and {@code global:events}. */
	DEVICE_CREATED("device_created"),

	/** A device was deleted. Published on the user channel and {@code global:events}. */
	DEVICE_DELETED("device_deleted");

	private final String wireName;

	EventType(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return this.wireName;
	}

	/** Lifecycle events describe the device itself and carry no property. */
	public boolean isLifecycle() {
		return this != PROPERTY_CHANGED;
	}

	public static Optional<EventType> fromWireName(String wireName) {
		return Arrays.stream(values()).filter((type) -> type.wireName.equals(wireName)).findFirst();
	}

}
