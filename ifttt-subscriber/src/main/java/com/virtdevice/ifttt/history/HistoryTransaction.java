package com.virtdevice.ifttt.history;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventType;
import com.virtdevice.ifttt.IftttProperties;
import com.virtdevice.ifttt.history.HistoryStore.PropertyGroup;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a run of consecutive stream events in one transaction: stores the property
 * changes, keeps their users' history bounded, forgets deleted devices and records the
 * position of the last event. Either all of it happens or none, so the stored position
 * never runs ahead of the stored history.
 */
final class HistoryTransaction {

	private final HistoryStore store;

	private final TransactionTemplate transactions;

	private final IftttProperties.History bounds;

	HistoryTransaction(HistoryStore store, TransactionTemplate transactions, IftttProperties.History bounds) {
		this.store = store;
		this.transactions = transactions;
		this.bounds = bounds;
	}

	/**
	 * Writes the events (not empty, in stream order).
	 * @return the property changes that were new
	 */
	List<DeviceStateEvent> write(List<DeviceStateEvent> events) {
		List<DeviceStateEvent> changes = changes(events);
		long last = events.get(events.size() - 1).sequence();
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			List<DeviceStateEvent> fresh = this.store.insertNew(changes);
			keepBounded(changes);
			events.stream()
				.filter((event) -> event.type() == EventType.DEVICE_DELETED)
				.forEach((deleted) -> this.store.deleteDevice(deleted.deviceId()));
			this.store.savePosition(last);
			return fresh;
		}));
	}

	static List<DeviceStateEvent> changes(List<DeviceStateEvent> events) {
		return events.stream().filter((event) -> event.type() == EventType.PROPERTY_CHANGED).toList();
	}

	private void keepBounded(List<DeviceStateEvent> changes) {
		Set<PropertyGroup> groups = new LinkedHashSet<>();
		Set<String> users = new LinkedHashSet<>();
		for (DeviceStateEvent change : changes) {
			groups.add(PropertyGroup.of(change));
			users.add(change.userId());
		}
		this.store.keepNewest(groups, this.bounds.perProperty(), users, this.bounds.perUser());
	}

}
