package com.virtdevice.events;

import java.util.Locale;

/**
 * What a service may do on the hub's Redis. Each service connects as its own Redis ACL
 * user with the rules of its role ({@link BusAccess}): only the publisher can put events
 * on the bus, so every consumer can take a live message as the publisher's word.
 */
public enum BusRole {

	/**
	 * event-publisher: {@code PUBLISH} on the three channel families, and its fence key
	 * ({@link Channels#publisherKeyPattern()}) through its script.
	 */
	PUBLISHER,

	/**
	 * activity-log, alexa-subscriber, ifttt-subscriber: {@code PSUBSCRIBE device:*:state}
	 * and {@code SUBSCRIBE global:events}, nothing else.
	 */
	DEVICE_SUBSCRIBER,

	/** dashboard-ws: {@code PSUBSCRIBE user:*:events}, nothing else. */
	USER_SUBSCRIBER;

	/** The role of a hub service, by its name ({@code spring.application.name}). */
	public static BusRole ofService(String service) {
		return switch (service.toLowerCase(Locale.ROOT)) {
			case "event-publisher" -> PUBLISHER;
			case "dashboard-ws" -> USER_SUBSCRIBER;
			case "activity-log", "alexa-subscriber", "ifttt-subscriber" -> DEVICE_SUBSCRIBER;
			default -> throw new IllegalArgumentException("Not a hub service: " + Texts.abbreviate(service));
		};
	}

	/** Whether this role may publish. */
	public boolean publishes() {
		return this == PUBLISHER;
	}

}
