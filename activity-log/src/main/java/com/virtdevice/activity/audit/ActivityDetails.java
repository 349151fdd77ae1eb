package com.virtdevice.activity.audit;

import com.virtdevice.events.DeviceStateEvent;
import org.jspecify.annotations.Nullable;

/**
 * What changed, stored as the {@code details} jsonb of an {@link ActivityLog} row. All
 * three are {@code null} for {@code device_created} and {@code device_deleted}.
 *
 * @param property the changed property
 * @param oldValue the value before; {@code null} when the property did not exist
 * @param newValue the value after
 */
public record ActivityDetails(@Nullable String property, @Nullable String oldValue, @Nullable String newValue) {

	/** PostgreSQL's jsonb cannot hold U+0000; it is stored as U+FFFD instead. */
	static final char UNSTORABLE = '\u0000';

	static final char REPLACEMENT = '\uFFFD';

	static ActivityDetails of(DeviceStateEvent event) {
		return new ActivityDetails(event.property(), storable(event.oldValue()), storable(event.newValue()));
	}

	/**
	 * A value jsonb accepts. A property value may be any string of up to 1024 characters,
	 * and a NUL in one would otherwise fail its whole batch forever.
	 */
	private static @Nullable String storable(@Nullable String value) {
		return (value != null) ? value.replace(UNSTORABLE, REPLACEMENT) : null;
	}

}
