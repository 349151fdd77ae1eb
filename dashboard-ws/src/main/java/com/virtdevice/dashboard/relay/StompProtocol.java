package com.virtdevice.dashboard.relay;

/** The names of the dashboard's STOMP protocol (docs/dashboard-ws.md). */
public final class StompProtocol {

	/** The WebSocket endpoint. */
	public static final String ENDPOINT = "/ws";

	/** The one destination a client may subscribe to: its own user's events. */
	public static final String DEVICE_UPDATES = "/user/queue/device-updates";

	/** SUBSCRIBE header: resume after this sequence (the last one the client saw). */
	public static final String LAST_SEQUENCE_HEADER = "last-sequence";

	/**
	 * Handshake query parameter carrying the JWT, for clients that cannot send headers.
	 */
	public static final String ACCESS_TOKEN_PARAMETER = "access_token";

	private StompProtocol() {
	}

}
