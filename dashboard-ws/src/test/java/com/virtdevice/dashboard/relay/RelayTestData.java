package com.virtdevice.dashboard.relay;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.support.events.StreamedEvent;
import com.virtdevice.support.security.HubPrincipal;

/** Users and events for the relay's unit tests. */
final class RelayTestData {

	private static final EventCodec codec = new EventCodec();

	private RelayTestData() {
	}

	static StompUser user(String userId, Instant expiresAt) {
		return new StompUser(new HubPrincipal(userId, "tenant-1", Set.of("events:read"), "token-of-" + userId),
				expiresAt);
	}

	static StompUser user(String userId) {
		return user(userId, Instant.now().plusSeconds(3600));
	}

	static DeviceStateEvent event(long sequence, String userId) {
		return DeviceStateEvent.propertyChanged(UUID.randomUUID(), sequence, "lamp-of-" + userId, userId, "tenant-1",
				"brightness", null, Long.toString(sequence), ChangeSource.API, Instant.parse("2026-11-27T12:00:00Z"));
	}

	static StreamedEvent live(long sequence, String userId) {
		DeviceStateEvent event = event(sequence, userId);
		return new StreamedEvent(event, codec.encode(event), false);
	}

	static byte[] json(DeviceStateEvent event) {
		return codec.encode(event);
	}

}
