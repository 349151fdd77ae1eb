package com.virtdevice.ifttt.realtime;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.ifttt.identity.IftttUser;
import com.virtdevice.ifttt.identity.TriggerIdentity;

/** Which notifications a set of changes calls for. */
final class Notifications {

	private Notifications() {
	}

	/**
	 * For each change, the trigger identities whose fields match it, or its user — the
	 * tenant's user, as IFTTT knows them — when none does (IFTTT then polls all of that
	 * user's applets). In order of first appearance, each once.
	 */
	static Set<Notification> forChanges(List<DeviceStateEvent> changes, Collection<TriggerIdentity> identities) {
		Map<IftttUser, List<TriggerIdentity>> byUser = identities.stream()
			.collect(Collectors.groupingBy(TriggerIdentity::owner));
		Set<Notification> notifications = new LinkedHashSet<>();
		for (DeviceStateEvent change : changes) {
			IftttUser owner = ownerOf(change);
			List<Notification> matching = byUser.getOrDefault(owner, List.of())
				.stream()
				.filter((identity) -> identity.matches(change))
				.map((identity) -> Notification.triggerIdentity(identity.identity()))
				.toList();
			if (matching.isEmpty()) {
				notifications.add(Notification.user(owner));
			}
			else {
				notifications.addAll(matching);
			}
		}
		return notifications;
	}

	static IftttUser ownerOf(DeviceStateEvent change) {
		return new IftttUser(change.tenantId(), change.userId());
	}

}
