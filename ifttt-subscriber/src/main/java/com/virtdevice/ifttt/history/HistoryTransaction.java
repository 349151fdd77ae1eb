package com.virtdevice.ifttt.history;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventType;
import com.virtdevice.ifttt.IftttProperties;
import com.virtdevice.ifttt.history.HistoryStore.PropertyGroup;
import com.virtdevice.ifttt.history.HistoryStore.UserKey;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a run of consecutive stream events in one transaction: stores the property
 * changes, forgets deleted devices, keeps the history bounded and records the position of
 * the last event. Either all of it happens or none, so the stored position never runs
 * ahead of the stored history.
 * <p>
 * The bounds are enforced for the groups and users touched since the last time, at most
 * once per {@code trim-interval}: two statements per interval rather than two per event
 * (each walks up to the bound's number of rows), so the history may exceed a bound by
 * what arrives in one interval. Used by the stream's dispatcher thread only.
 */
final class HistoryTransaction {

	private final HistoryStore store;

	private final TransactionTemplate transactions;

	private final IftttProperties.History bounds;

	private final Clock clock;

	private final Set<UserKey> touchedUsers = new LinkedHashSet<>();

	private Instant lastTrim = Instant.MIN;

	HistoryTransaction(HistoryStore store, TransactionTemplate transactions, IftttProperties.History bounds) {
		this(store, transactions, bounds, Clock.systemUTC());
	}

	HistoryTransaction(HistoryStore store, TransactionTemplate transactions, IftttProperties.History bounds,
			Clock clock) {
		this.store = store;
		this.transactions = transactions;
		this.bounds = bounds;
		this.clock = clock;
	}

	/**
	 * Writes the events (not empty, in stream order).
	 * @return the property changes that were new
	 */
	List<DeviceStateEvent> write(List<DeviceStateEvent> events) {
		List<DeviceStateEvent> changes = changes(events);
		long last = events.get(events.size() - 1).sequence();
		Set<PropertyGroup> groups = new LinkedHashSet<>();
		changes.forEach((change) -> {
			groups.add(PropertyGroup.of(change));
			this.touchedUsers.add(UserKey.of(change));
		});
		Instant now = this.clock.instant();
		boolean trim = !now.isBefore(this.lastTrim.plus(this.bounds.trimInterval()));
		List<DeviceStateEvent> fresh = Objects.requireNonNull(this.transactions.execute((status) -> {
			List<DeviceStateEvent> inserted = this.store.insertNew(changes);
			this.store.keepNewestPerProperty(groups, this.bounds.perProperty());
			if (trim) {
				this.store.keepNewestPerUser(this.touchedUsers, this.bounds.perUser());
			}
			this.store
				.deleteDevices(events.stream().filter((event) -> event.type() == EventType.DEVICE_DELETED).toList());
			this.store.savePosition(last);
			return inserted;
		}));
		if (trim) {
			this.touchedUsers.clear();
			this.lastTrim = now;
		}
		return fresh;
	}

	static List<DeviceStateEvent> changes(List<DeviceStateEvent> events) {
		return events.stream().filter((event) -> event.type() == EventType.PROPERTY_CHANGED).toList();
	}

}
