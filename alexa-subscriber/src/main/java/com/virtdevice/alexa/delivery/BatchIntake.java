package com.virtdevice.alexa.delivery;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.virtdevice.alexa.grant.AccessTokens;
import com.virtdevice.alexa.grant.AccountKey;
import com.virtdevice.alexa.state.DeviceSnapshots;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventType;
import com.virtdevice.support.events.StreamedEvent;

/**
 * The database work of a batch of events, on the dispatcher thread, in a few statements
 * whatever the batch's size: which users are linked, which replayed events were already
 * reported, the snapshots' new values, deleted devices.
 */
final class BatchIntake {

	private final AccessTokens tokens;

	private final Deliveries deliveries;

	private final DeviceSnapshots snapshots;

	BatchIntake(AccessTokens tokens, Deliveries deliveries, DeviceSnapshots snapshots) {
		this.tokens = tokens;
		this.deliveries = deliveries;
		this.snapshots = snapshots;
	}

	/** Applies the batch to the snapshots and answers what its events' lanes need. */
	Found prepare(List<StreamedEvent> events) {
		List<StreamedEvent> changes = events.stream()
			.filter((streamed) -> streamed.event().type() == EventType.PROPERTY_CHANGED
					&& streamed.event().property() != null && streamed.event().newValue() != null)
			.toList();
		Set<AccountKey> linked = this.tokens
			.linkedRegions(changes.stream().map((streamed) -> account(streamed.event())).collect(Collectors.toSet()))
			.keySet();
		List<StreamedEvent> linkedChanges = changes.stream()
			.filter((streamed) -> linked.contains(account(streamed.event())))
			.toList();
		Set<UUID> reported = this.deliveries.alreadyReported(linkedChanges.stream()
			.filter(StreamedEvent::replayed)
			.map((streamed) -> streamed.event().eventId())
			.toList());
		Set<String> deleted = events.stream()
			.filter((streamed) -> streamed.event().type() == EventType.DEVICE_DELETED)
			.map((streamed) -> streamed.event().deviceId())
			.collect(Collectors.toSet());
		this.snapshots.apply(linkedChanges.stream()
			.map(StreamedEvent::event)
			.filter((event) -> !deleted.contains(event.deviceId()))
			.toList());
		this.snapshots.forgetDevices(deleted);
		return new Found(linked, reported);
	}

	static AccountKey account(DeviceStateEvent event) {
		return new AccountKey(event.tenantId(), event.userId());
	}

	/**
	 * What the batch's statements found out, for its events' lanes.
	 *
	 * @param linked the accounts with a linked grant
	 * @param reported replayed events a finished report already covered
	 */
	record Found(Set<AccountKey> linked, Set<UUID> reported) {

	}

}
