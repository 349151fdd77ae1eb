package com.virtdevice.ifttt.realtime;

/** The IFTTT headers (one home for their names). */
public final class RealtimeHeaders {

	/** The service key, on IFTTT's requests to us and ours to IFTTT. */
	public static final String SERVICE_KEY = "IFTTT-Service-Key";

	/** A UUID per request, for tracing it on both sides. */
	public static final String REQUEST_ID = "X-Request-ID";

	/** Set to {@code 1} on trigger polls IFTTT makes because of a notification. */
	public static final String REALTIME_POLL = "X-IFTTT-Realtime";

	private RealtimeHeaders() {
	}

}
