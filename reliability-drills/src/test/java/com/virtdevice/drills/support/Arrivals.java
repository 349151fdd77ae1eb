package com.virtdevice.drills.support;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * What one consumer received, by eventId: how often, and when first. The drills compare
 * it with what the publisher committed.
 */
public final class Arrivals {

	private final String consumer;

	private final Map<UUID, Arrival> byEventId = new ConcurrentHashMap<>();

	public Arrivals(String consumer) {
		this.consumer = consumer;
	}

	/** Both consumers' deliveries as one consumer's (e.g. live and replayed). */
	public static Arrivals union(String consumer, Arrivals first, Arrivals second) {
		Arrivals union = new Arrivals(consumer);
		for (Arrivals part : new Arrivals[] { first, second }) {
			part.byEventId.forEach((id, arrival) -> {
				for (int i = 0; i < arrival.count(); i++) {
					union.record(id, arrival.sequence(), arrival.firstAt());
				}
			});
		}
		return union;
	}

	/** Records one delivery of an event. */
	public void record(UUID eventId, long sequence, Instant at) {
		this.byEventId.merge(eventId, new Arrival(sequence, 1, at),
				(first, again) -> new Arrival(first.sequence(), first.count() + 1, first.firstAt()));
	}

	public String consumer() {
		return this.consumer;
	}

	/** How many of these events arrived at least once. */
	public long receivedOf(Collection<UUID> expected) {
		return expected.stream().filter(this.byEventId::containsKey).count();
	}

	/** How many of these events arrived more than once (each extra delivery counts). */
	public long duplicatedOf(Collection<UUID> expected) {
		return expected.stream()
			.map(this.byEventId::get)
			.filter((arrival) -> arrival != null && arrival.count() > 1)
			.mapToLong((arrival) -> arrival.count() - 1)
			.sum();
	}

	/** Deliveries of events that are not among these (must be none in a drill window). */
	public long unexpectedAfter(long sequence, Set<UUID> expected) {
		return this.byEventId.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().sequence() > sequence && !expected.contains(entry.getKey()))
			.count();
	}

	/** When the first event that arrived after this instant arrived, if any did. */
	public @Nullable Instant firstArrivalAfter(Instant instant) {
		return this.byEventId.values()
			.stream()
			.map(Arrival::firstAt)
			.filter((at) -> at.isAfter(instant))
			.min(Instant::compareTo)
			.orElse(null);
	}

	public @Nullable Arrival of(UUID eventId) {
		return this.byEventId.get(eventId);
	}

	public boolean hasAll(Collection<UUID> expected) {
		return this.byEventId.keySet().containsAll(expected);
	}

	/**
	 * One event at one consumer.
	 *
	 * @param sequence its sequence
	 * @param count how often it arrived
	 * @param firstAt when it first arrived
	 */
	public record Arrival(long sequence, int count, Instant firstAt) {
	}

}
