package com.virtdevice.dashboard.relay;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.virtdevice.events.EventCodec;
import com.virtdevice.support.events.ReplayPage;

import static com.virtdevice.dashboard.relay.RelayTestData.live;
import static com.virtdevice.dashboard.relay.RelayTestData.user;
import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionLifecycleTest {

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	private final RecordingOutboundChannel channel = new RecordingOutboundChannel();

	private final DeviceUpdateSubscriptions subscriptions = new DeviceUpdateSubscriptions(this.channel);

	private final SubscriptionLifecycle lifecycle = new SubscriptionLifecycle(
			this.subscriptions, new ResumeReplays((after, limit, token) -> new ReplayPage(List.of(), 0, 0),
					new EventCodec(), Runnable::run, 10, new SimpleMeterRegistry()),
			100, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void closesSessionsWhoseTokenExpiredWithAnErrorFrame() {
		subscribe("expired-session", user("alice", NOW.minusSeconds(1)));
		subscribe("valid-session", user("alice", NOW.plusSeconds(60)));

		this.lifecycle.closeExpiredSessions();
		this.subscriptions.of("alice").forEach((subscription) -> subscription.offer(live(5, "alice")));

		assertThat(this.channel.errors("expired-session")).containsExactly(SubscriptionLifecycle.TOKEN_EXPIRED);
		assertThat(this.channel.errors("valid-session")).isEmpty();
		assertThat(this.subscriptions.of("alice")).singleElement()
			.extracting(DeviceUpdateSubscription::sessionId)
			.isEqualTo("valid-session");
	}

	private void subscribe(String sessionId, StompUser user) {
		SessionOutbound out = this.subscriptions.outboundOf(sessionId, user);
		this.subscriptions.add(DeviceUpdateSubscription.live(user, "sub-0", out));
	}

}
