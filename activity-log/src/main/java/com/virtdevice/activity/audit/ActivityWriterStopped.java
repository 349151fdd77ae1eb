package com.virtdevice.activity.audit;

import java.io.Serial;

import com.virtdevice.events.DeviceStateEvent;

/**
 * An event arrived while the writer was not running. It is not lost: nothing after it is
 * stored either, so the next start resumes before it.
 */
class ActivityWriterStopped extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	ActivityWriterStopped(DeviceStateEvent event) {
		super("The activity writer is stopped; event " + event.eventId() + " (sequence " + event.sequence()
				+ ") is fetched from the replay API at the next start");
	}

}
