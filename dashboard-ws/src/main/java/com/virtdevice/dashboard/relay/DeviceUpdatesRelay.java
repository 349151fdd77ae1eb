package com.virtdevice.dashboard.relay;

import java.util.List;
import java.util.OptionalLong;

import com.virtdevice.support.events.HubEventListener;
import com.virtdevice.support.events.StreamedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The service's one consumer of hub events: the single Redis pattern subscription to
 * {@code user:*:events} that service-support opens for it, whatever the number of
 * browsers. Each event goes only to the subscriptions of its user.
 * <p>
 * A live view starts with the first live event ({@code lastHandledSequence} empty): what
 * a browser missed is its own business, resumed per subscription with
 * {@code last-sequence}. When a gap in the stream cannot be filled from the replay API
 * after one attempt, the stream skips it ({@code SKIP_AFTER_ONE_ATTEMPT}, counted in
 * {@code virtdevice.events.lost}) rather than freezing every user's live view until the
 * publisher answers.
 */
final class DeviceUpdatesRelay implements HubEventListener {

	private final DeviceUpdateSubscriptions subscriptions;

	private final Counter relayed;

	DeviceUpdatesRelay(DeviceUpdateSubscriptions subscriptions, MeterRegistry meters) {
		this.subscriptions = subscriptions;
		this.relayed = meters.counter("virtdevice.dashboard.relayed.events");
	}

	@Override
	public StreamChannels channels() {
		return StreamChannels.USERS;
	}

	@Override
	public OptionalLong lastHandledSequence() {
		return OptionalLong.empty();
	}

	@Override
	public GapPolicy gapPolicy() {
		return GapPolicy.SKIP_AFTER_ONE_ATTEMPT;
	}

	/**
	 * Hands each event to its user's subscriptions — that user id in the event's tenant
	 * only; sending never blocks.
	 */
	@Override
	public void onEvents(List<StreamedEvent> events) {
		int relayed = 0;
		for (StreamedEvent event : events) {
			for (DeviceUpdateSubscription subscription : this.subscriptions.of(event.event().userId())) {
				if (subscription.user().owns(event.event())) {
					subscription.offer(event);
					relayed++;
				}
			}
		}
		this.relayed.increment(relayed);
	}

}
