package com.virtdevice.ifttt.history;

import java.util.List;

import com.virtdevice.events.DeviceStateEvent;

/**
 * Told about property changes once they are committed to the history, so that whoever is
 * told (IFTTT) and then polls finds them there.
 */
@FunctionalInterface
public interface StoredChangesListener {

	/**
	 * Called on the history writer's thread with changes stored for the first time, in
	 * stream order. Must not block for long.
	 */
	void stored(List<DeviceStateEvent> changes);

}
