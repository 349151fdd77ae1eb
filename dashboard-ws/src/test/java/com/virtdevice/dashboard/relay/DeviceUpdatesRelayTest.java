package com.virtdevice.dashboard.relay;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.support.events.StreamedEvent;
import com.virtdevice.support.security.HubPrincipal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceUpdatesRelayTest {

	private final RecordingOutboundChannel channel = new RecordingOutboundChannel();

	private final DeviceUpdateSubscriptions subscriptions = new DeviceUpdateSubscriptions(this.channel);

	private final DeviceUpdatesRelay relay = new DeviceUpdatesRelay(this.subscriptions, new SimpleMeterRegistry());

	@Test
	void relaysAnEventOnlyToItsUserInItsTenantNotToTheSameUserIdInAnotherTenant() {
		subscribe("session-a", "alice", "tenant-a");
		subscribe("session-b", "alice", "tenant-b");

		this.relay.onEvents(List.of(event("alice", "tenant-a")));

		assertThat(this.channel.sequences("sub-in-session-a")).containsExactly(1L);
		assertThat(this.channel.sequences("sub-in-session-b")).isEmpty();
	}

	private void subscribe(String sessionId, String userId, String tenantId) {
		StompUser user = new StompUser(new HubPrincipal(userId, tenantId, Set.of("events:read"), "token"),
				Instant.now().plusSeconds(3600));
		this.subscriptions.add(DeviceUpdateSubscription.live(user, "sub-in-" + sessionId,
				this.subscriptions.outboundOf(sessionId, user)));
	}

	private static StreamedEvent event(String userId, String tenantId) {
		DeviceStateEvent event = DeviceStateEvent.propertyChanged(UUID.randomUUID(), 1, "lamp", userId, tenantId,
				"powerState", "OFF", "ON", ChangeSource.WEB, Instant.now());
		return new StreamedEvent(event, new EventCodec().encode(event), false);
	}

}
