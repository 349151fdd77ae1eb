package com.virtdevice.dashboard.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.support.events.ReplayPage;
import com.virtdevice.support.events.ReplayUnavailable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static com.virtdevice.dashboard.relay.RelayTestData.event;
import static com.virtdevice.dashboard.relay.RelayTestData.live;
import static com.virtdevice.dashboard.relay.RelayTestData.user;
import static org.assertj.core.api.Assertions.assertThat;

class ResumeReplaysTest {

	private final RecordingOutboundChannel channel = new RecordingOutboundChannel();

	private final SessionOutbound out = new SessionOutbound("session-1", this.channel);

	private final List<String> requests = new ArrayList<>();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void pagesThroughTheUsersEventsWithTheUsersTokenThenTurnsLive() {
		DeviceUpdateSubscription subscription = DeviceUpdateSubscription.resuming(user("alice"), "sub-0", this.out, 2,
				100);
		List<DeviceStateEvent> stored = new ArrayList<>();
		for (long sequence = 1; sequence <= 12; sequence++) {
			stored.add(event(sequence, (sequence % 2 == 0) ? "alice" : "bob"));
		}
		ResumeReplays replays = replays(publisher(stored, 2, (call) -> {
			if (call == 2) {
				stored.add(event(13, "alice"));
				subscription.offer(live(13, "alice"));
			}
		}), Runnable::run);

		replays.start(subscription);
		subscription.offer(live(14, "alice"));

		assertThat(this.channel.sequences("sub-0")).containsExactly(4L, 6L, 8L, 10L, 12L, 13L, 14L);
		assertThat(this.requests).allMatch((request) -> request.endsWith("token-of-alice"))
			.first()
			.isEqualTo("after 2 limit 2 token-of-alice");
		assertThat(this.meters.counter("virtdevice.dashboard.resumes", "outcome", "live").count()).isEqualTo(1);
	}

	@Test
	void deliversOnlyTheUsersEventsEvenWhenTheTokenCouldReadEveryonesEvents() {
		DeviceUpdateSubscription subscription = DeviceUpdateSubscription.resuming(user("alice"), "sub-0", this.out, 0,
				100);
		List<DeviceStateEvent> everyone = List.of(event(1, "bob"), event(2, "alice"), event(3, "carol"));

		replays((after, limit, token) -> new ReplayPage(everyone, 3, 3), Runnable::run).start(subscription);

		assertThat(this.channel.sequences("sub-0")).containsExactly(2L);
	}

	@Test
	void refusesTheSubscriptionWhenTheReplayApiIsUnavailable() {
		DeviceUpdateSubscription subscription = DeviceUpdateSubscription.resuming(user("alice"), "sub-0", this.out, 0,
				100);

		replays((after, limit, token) -> {
			throw new ReplayUnavailable("connection refused");
		}, Runnable::run).start(subscription);
		subscription.offer(live(5, "alice"));

		assertThat(this.channel.errors("session-1")).containsExactly(ResumeReplays.UNAVAILABLE);
		assertThat(this.channel.sequences("sub-0")).isEmpty();
		assertThat(subscription.isClosed()).isTrue();
	}

	@Test
	void refusesTheSubscriptionWhenTooManyResumesWait() {
		DeviceUpdateSubscription subscription = DeviceUpdateSubscription.resuming(user("alice"), "sub-0", this.out, 0,
				100);

		replays((after, limit, token) -> new ReplayPage(List.of(), 0, 0), (task) -> {
			throw new RejectedExecutionException("queue full");
		}).start(subscription);

		assertThat(this.channel.errors("session-1")).containsExactly(ResumeReplays.BUSY);
	}

	private ResumeReplays replays(ResumeReplays.UserReplay replay, Executor executor) {
		return new ResumeReplays(replay, new EventCodec(), executor, 2, this.meters);
	}

	/**
	 * A replay API over the stored events that filters by the token's user, as the
	 * publisher does.
	 */
	private ResumeReplays.UserReplay publisher(List<DeviceStateEvent> stored, int limit, Consumer<Integer> onCall) {
		int[] calls = { 0 };
		return (after, pageSize, token) -> {
			this.requests.add("after " + after + " limit " + pageSize + " " + token);
			onCall.accept(++calls[0]);
			String user = token.substring("token-of-".length());
			List<DeviceStateEvent> items = stored.stream()
				.filter((event) -> event.sequence() > after && event.userId().equals(user))
				.limit(pageSize)
				.toList();
			long latest = stored.get(stored.size() - 1).sequence();
			long next = (items.size() == pageSize) ? items.get(items.size() - 1).sequence() : latest;
			return new ReplayPage(items, next, latest);
		};
	}

}
