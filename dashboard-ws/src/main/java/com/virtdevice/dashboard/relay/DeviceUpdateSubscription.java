package com.virtdevice.dashboard.relay;

import java.util.ArrayList;
import java.util.List;

import com.virtdevice.support.events.StreamedEvent;
import org.jspecify.annotations.Nullable;

/**
 * One client's subscription to its user's events. Live events come from the stream's
 * dispatcher ({@link #offer}); a subscription that resumes also gets the missed events
 * from a replay thread ({@link #replayed}), and keeps the live events that arrive
 * meanwhile until the replay has caught up ({@link #finishResume}). Whatever the order of
 * arrival, the client sees each sequence above its {@code last-sequence} once, in order.
 */
final class DeviceUpdateSubscription {

	private final StompUser user;

	private final String subscriptionId;

	private final SessionOutbound out;

	private final int maxBuffered;

	private long lastDelivered;

	/** Live events held back while resuming; null once live. */
	private @Nullable List<StreamedEvent> heldBack;

	private boolean heldBackOverflowed;

	private volatile boolean closed;

	private DeviceUpdateSubscription(StompUser user, String subscriptionId, SessionOutbound out, long lastDelivered,
			boolean resuming, int maxBuffered) {
		this.user = user;
		this.subscriptionId = subscriptionId;
		this.out = out;
		this.lastDelivered = lastDelivered;
		this.heldBack = resuming ? new ArrayList<>() : null;
		this.maxBuffered = maxBuffered;
	}

	/** A subscription that starts with the next live event. */
	static DeviceUpdateSubscription live(StompUser user, String subscriptionId, SessionOutbound out) {
		return new DeviceUpdateSubscription(user, subscriptionId, out, Long.MIN_VALUE, false, 0);
	}

	/**
	 * A subscription that first receives the events after {@code lastSequence} from the
	 * replay API.
	 */
	static DeviceUpdateSubscription resuming(StompUser user, String subscriptionId, SessionOutbound out,
			long lastSequence, int maxBuffered) {
		return new DeviceUpdateSubscription(user, subscriptionId, out, lastSequence, true, maxBuffered);
	}

	StompUser user() {
		return this.user;
	}

	String userId() {
		return this.user.getName();
	}

	String sessionId() {
		return this.out.sessionId();
	}

	String subscriptionId() {
		return this.subscriptionId;
	}

	boolean isClosed() {
		return this.closed;
	}

	/** A live event of this subscription's user. */
	synchronized void offer(StreamedEvent event) {
		if (this.closed) {
			return;
		}
		if (this.heldBack == null) {
			deliver(event.sequence(), event.json());
		}
		else if (this.heldBack.size() < this.maxBuffered) {
			this.heldBack.add(event);
		}
		else {
			this.heldBackOverflowed = true;
		}
	}

	/** An event the replay API returned. */
	synchronized void replayed(long sequence, byte[] json) {
		if (!this.closed) {
			deliver(sequence, json);
		}
	}

	/**
	 * Lets a replay wait (without holding this subscription) until the client has read
	 * most of what was sent to it.
	 */
	void awaitRoomToSend() {
		this.out.awaitBacklogBelow();
	}

	/** Where the client is: the sequence of the last event sent to it. */
	synchronized long lastDelivered() {
		return this.lastDelivered;
	}

	/**
	 * Ends a resume whose replay has caught up: sends the held-back live events that are
	 * newer than the last replayed one and turns live.
	 * @return false if live events were dropped while holding back; the replay must then
	 * go on from {@link #lastDelivered()} (the publisher has them) and try again
	 */
	synchronized boolean finishResume() {
		List<StreamedEvent> events = this.heldBack;
		if (this.closed || events == null) {
			return true;
		}
		if (this.heldBackOverflowed) {
			events.clear();
			this.heldBackOverflowed = false;
			return false;
		}
		this.heldBack = null;
		for (StreamedEvent event : events) {
			deliver(event.sequence(), event.json());
		}
		return true;
	}

	/**
	 * Refuses the subscription: an ERROR frame to the client, which closes its session.
	 */
	void fail(String reason) {
		close();
		this.out.error(reason);
	}

	synchronized void close() {
		this.closed = true;
		this.heldBack = null;
	}

	private void deliver(long sequence, byte[] json) {
		if (sequence > this.lastDelivered) {
			this.out.message(this.subscriptionId, json);
			this.lastDelivered = sequence;
		}
	}

	@Override
	public String toString() {
		return "DeviceUpdateSubscription[user=" + userId() + ", session=" + sessionId() + ", id=" + this.subscriptionId
				+ "]";
	}

}
