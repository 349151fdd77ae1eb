package com.virtdevice.dashboard.relay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.MessageChannel;

/**
 * The device-update subscriptions of this instance, by user (to route events) and by
 * session (to clean up when a session ends). Sessions without a subscription are not
 * tracked: they receive nothing.
 */
final class DeviceUpdateSubscriptions {

	private final MessageChannel clientOutboundChannel;

	private final SendBacklogs backlogs;

	private final Map<String, Set<DeviceUpdateSubscription>> byUser = new ConcurrentHashMap<>();

	private final Map<String, SessionEntry> bySession = new ConcurrentHashMap<>();

	DeviceUpdateSubscriptions(MessageChannel clientOutboundChannel) {
		this(clientOutboundChannel, new SendBacklogs(Long.MAX_VALUE, java.time.Duration.ZERO));
	}

	DeviceUpdateSubscriptions(MessageChannel clientOutboundChannel, SendBacklogs backlogs) {
		this.clientOutboundChannel = clientOutboundChannel;
		this.backlogs = backlogs;
	}

	/** The outbound side of a session, created with its first subscription. */
	SessionOutbound outboundOf(String sessionId, StompUser user) {
		return this.bySession
			.computeIfAbsent(sessionId,
					(id) -> new SessionEntry(user, new SessionOutbound(id, this.clientOutboundChannel, this.backlogs)))
			.outbound();
	}

	void add(DeviceUpdateSubscription subscription) {
		SessionEntry session = this.bySession.get(subscription.sessionId());
		if (session == null) {
			throw new IllegalStateException("No outbound for session " + subscription.sessionId());
		}
		DeviceUpdateSubscription previous = session.subscriptions().put(subscription.subscriptionId(), subscription);
		if (previous != null) {
			removeFromUser(previous);
		}
		this.byUser.compute(subscription.userId(), (user, subscriptions) -> {
			Set<DeviceUpdateSubscription> set = (subscriptions != null) ? subscriptions : ConcurrentHashMap.newKeySet();
			set.add(subscription);
			return set;
		});
	}

	/** The subscriptions an event of this user goes to. */
	Set<DeviceUpdateSubscription> of(String userId) {
		Set<DeviceUpdateSubscription> subscriptions = this.byUser.get(userId);
		return (subscriptions != null) ? subscriptions : Set.of();
	}

	@Nullable DeviceUpdateSubscription remove(String sessionId, String subscriptionId) {
		SessionEntry session = this.bySession.get(sessionId);
		DeviceUpdateSubscription removed = (session != null) ? session.subscriptions().remove(subscriptionId) : null;
		if (removed != null) {
			removeFromUser(removed);
		}
		return removed;
	}

	/** Forgets a session; returns its subscriptions. */
	List<DeviceUpdateSubscription> removeSession(String sessionId) {
		SessionEntry session = this.bySession.remove(sessionId);
		if (session == null) {
			return List.of();
		}
		List<DeviceUpdateSubscription> removed = new ArrayList<>(session.subscriptions().values());
		removed.forEach(this::removeFromUser);
		return removed;
	}

	/** Sessions whose token expired before {@code now}. */
	List<SessionOutbound> expiredAt(Instant now) {
		return this.bySession.values()
			.stream()
			.filter((session) -> session.user().expiresAt().isBefore(now))
			.map(SessionEntry::outbound)
			.toList();
	}

	int sessionCount() {
		return this.bySession.size();
	}

	int subscriptionCount() {
		return this.bySession.values().stream().mapToInt((session) -> session.subscriptions().size()).sum();
	}

	private void removeFromUser(DeviceUpdateSubscription subscription) {
		this.byUser.computeIfPresent(subscription.userId(), (user, subscriptions) -> {
			subscriptions.remove(subscription);
			return subscriptions.isEmpty() ? null : subscriptions;
		});
	}

	private record SessionEntry(StompUser user, SessionOutbound outbound,
			Map<String, DeviceUpdateSubscription> subscriptions) {

		SessionEntry(StompUser user, SessionOutbound outbound) {
			this(user, outbound, new ConcurrentHashMap<>());
		}

	}

}
