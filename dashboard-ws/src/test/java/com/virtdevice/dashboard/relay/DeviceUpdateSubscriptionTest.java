package com.virtdevice.dashboard.relay;

import org.junit.jupiter.api.Test;

import static com.virtdevice.dashboard.relay.RelayTestData.event;
import static com.virtdevice.dashboard.relay.RelayTestData.json;
import static com.virtdevice.dashboard.relay.RelayTestData.live;
import static com.virtdevice.dashboard.relay.RelayTestData.user;
import static org.assertj.core.api.Assertions.assertThat;

class DeviceUpdateSubscriptionTest {

	private final RecordingOutboundChannel channel = new RecordingOutboundChannel();

	private final SessionOutbound out = new SessionOutbound("session-1", this.channel);

	@Test
	void liveSubscriptionForwardsEachEventAsItComes() {
		DeviceUpdateSubscription subscription = DeviceUpdateSubscription.live(user("alice"), "sub-0", this.out);

		subscription.offer(live(3, "alice"));
		subscription.offer(live(7, "alice"));

		assertThat(this.channel.sequences("sub-0")).containsExactly(3L, 7L);
		assertThat(subscription.lastDelivered()).isEqualTo(7);
	}

	@Test
	void forwardsTheEventJsonAsTheMessageBody() {
		DeviceUpdateSubscription subscription = DeviceUpdateSubscription.live(user("alice"), "sub-0", this.out);
		var event = live(3, "alice");

		subscription.offer(event);

		assertThat(this.channel.body(0)).isEqualTo(new String(event.json(), java.nio.charset.StandardCharsets.UTF_8));
	}

	@Test
	void resumingSubscriptionHoldsLiveEventsBackUntilTheReplayCaughtUpThenSendsOnlyNewerOnes() {
		DeviceUpdateSubscription subscription = DeviceUpdateSubscription.resuming(user("alice"), "sub-0", this.out, 10,
				100);

		subscription.offer(live(15, "alice"));
		subscription.replayed(11, json(event(11, "alice")));
		subscription.offer(live(18, "alice"));
		subscription.replayed(13, json(event(13, "alice")));
		subscription.replayed(15, json(event(15, "alice")));
		assertThat(this.channel.sequences("sub-0")).containsExactly(11L, 13L, 15L);

		assertThat(subscription.finishResume()).isTrue();
		subscription.offer(live(20, "alice"));

		assertThat(this.channel.sequences("sub-0")).containsExactly(11L, 13L, 15L, 18L, 20L);
	}

	@Test
	void neverSendsASequenceAtOrBelowTheLastDeliveredOne() {
		DeviceUpdateSubscription subscription = DeviceUpdateSubscription.resuming(user("alice"), "sub-0", this.out, 10,
				100);

		subscription.replayed(9, json(event(9, "alice")));
		subscription.replayed(10, json(event(10, "alice")));
		subscription.replayed(12, json(event(12, "alice")));
		subscription.replayed(12, json(event(12, "alice")));

		assertThat(this.channel.sequences("sub-0")).containsExactly(12L);
	}

	@Test
	void whenTooManyLiveEventsArriveDuringTheReplayTheReplayMustGoOn() {
		DeviceUpdateSubscription subscription = DeviceUpdateSubscription.resuming(user("alice"), "sub-0", this.out, 10,
				2);
		subscription.offer(live(11, "alice"));
		subscription.offer(live(12, "alice"));
		subscription.offer(live(13, "alice"));

		assertThat(subscription.finishResume()).as("held-back events were dropped").isFalse();
		assertThat(this.channel.sequences("sub-0")).isEmpty();

		subscription.replayed(11, json(event(11, "alice")));
		subscription.replayed(12, json(event(12, "alice")));
		subscription.replayed(13, json(event(13, "alice")));
		assertThat(subscription.finishResume()).isTrue();
		subscription.offer(live(14, "alice"));
		assertThat(this.channel.sequences("sub-0")).containsExactly(11L, 12L, 13L, 14L);
	}

	@Test
	void closedSubscriptionSendsNothingMore() {
		DeviceUpdateSubscription subscription = DeviceUpdateSubscription.live(user("alice"), "sub-0", this.out);
		subscription.close();

		subscription.offer(live(3, "alice"));
		subscription.replayed(4, json(event(4, "alice")));

		assertThat(this.channel.sequences("sub-0")).isEmpty();
	}

	@Test
	void failingSendsAnErrorFrameAndStopsDelivery() {
		DeviceUpdateSubscription subscription = DeviceUpdateSubscription.resuming(user("alice"), "sub-0", this.out, 0,
				10);

		subscription.fail("Cannot resume now");
		subscription.offer(live(3, "alice"));

		assertThat(this.channel.errors("session-1")).containsExactly("Cannot resume now");
		assertThat(this.channel.sequences("sub-0")).isEmpty();
	}

}
