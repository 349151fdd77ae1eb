package com.virtdevice.support.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.support.events.HubEventListener.GapPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamSequencerTest {

	private final EventCodec codec = new EventCodec();

	private final List<StreamedEvent> delivered = new ArrayList<>();

	private final List<DeviceStateEvent> published = new ArrayList<>();

	private final AtomicInteger replayCalls = new AtomicInteger();

	private int replayFailuresLeft;

	private final EventStreamMetrics metrics = new EventStreamMetrics(new SimpleMeterRegistry(), () -> 0, () -> 0);

	@Test
	void deliversLiveEventsInOrderAndDropsRepeats() {
		publish(1, 7);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);

		live(sequencer, 5);
		live(sequencer, 6);
		live(sequencer, 6);
		live(sequencer, 4);
		live(sequencer, 7);

		assertThat(sequences()).containsExactly(5L, 6L, 7L);
		assertThat(this.delivered.subList(0, 2)).noneMatch(StreamedEvent::replayed);
		assertThat(this.replayCalls).as("one to start, one page that also held 7").hasValue(2);
		assertThat(this.metrics.gapCount()).isZero();
		assertThat(this.metrics.rejectedCount()).isZero();
	}

	@Test
	void rejectsAWellFormedEventThePublisherNeverSentAndDeliversTheRealOne() {
		publish(1, 3);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);
		live(sequencer, 1);

		DeviceStateEvent forged = forged(2);
		sequencer.onLive(forged, this.codec.encode(forged));
		live(sequencer, 2);
		live(sequencer, 3);

		assertThat(this.delivered).extracting(StreamedEvent::event).containsExactlyElementsOf(this.published);
		assertThat(this.metrics.rejectedCount()).isEqualTo(1);
		assertThat(this.metrics.lostCount()).isZero();
	}

	@Test
	void rejectsASequenceFromTheFutureWithoutSkippingTheRealOnes() {
		publish(1, 2);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);
		live(sequencer, 1);

		DeviceStateEvent forged = forged(1_000_000);
		sequencer.onLive(forged, this.codec.encode(forged));
		publish(1, 3);
		live(sequencer, 3);

		assertThat(sequences()).containsExactly(1L, 2L, 3L);
		assertThat(this.metrics.rejectedCount()).isEqualTo(1);
		assertThat(this.metrics.lostCount()).isZero();
	}

	@Test
	void aForeignFirstEventDoesNotSetWhereALiveStreamStarts() {
		publish(1, 2);
		StreamSequencer sequencer = sequencer(GapPolicy.SKIP_AFTER_ONE_ATTEMPT);

		DeviceStateEvent forged = forged(900);
		sequencer.onLive(forged, this.codec.encode(forged));
		live(sequencer, 2);

		assertThat(sequences()).containsExactly(2L);
		assertThat(this.metrics.rejectedCount()).isEqualTo(1);
	}

	@Test
	void aForeignEventWithAnAlreadyDeliveredSequenceIsRejectedNotARepeat() {
		publish(1, 2);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);
		live(sequencer, 1);
		live(sequencer, 2);

		DeviceStateEvent forged = forged(2);
		sequencer.onLive(forged, this.codec.encode(forged));
		live(sequencer, 2);

		assertThat(sequences()).containsExactly(1L, 2L);
		assertThat(this.metrics.rejectedCount()).isEqualTo(1);
		assertThat(this.metrics.duplicateCount()).isEqualTo(1);
	}

	@Test
	void fillsAJumpFromTheReplayApiBeforeDeliveringTheLiveEvent() {
		publish(1, 8);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);

		live(sequencer, 2);
		live(sequencer, 7);
		live(sequencer, 5);
		live(sequencer, 8);

		assertThat(sequences()).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
		assertThat(this.delivered.subList(1, 5)).allMatch(StreamedEvent::replayed);
		assertThat(this.metrics.gapCount()).isEqualTo(1);
	}

	@Test
	void catchesUpFromTheLastHandledSequenceInPagesAtStart() {
		publish(1, 1234);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);

		sequencer.start(OptionalLong.of(200));

		assertThat(sequences()).containsExactlyElementsOf(LongStream.rangeClosed(201, 1234).boxed().toList());
		assertThat(this.replayCalls).hasValue(11);
		assertThat(sequencer.latestKnown()).isEqualTo(1234);
	}

	@Test
	void keepsRetryingTheReplayApiRatherThanDeliverPastAHole() {
		publish(1, 4);
		this.replayFailuresLeft = 2;
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);

		live(sequencer, 1);
		live(sequencer, 4);

		assertThat(sequences()).containsExactly(1L, 2L, 3L, 4L);
		assertThat(this.replayCalls).hasValue(3);
		assertThat(this.metrics.lostCount()).isZero();
		assertThat(sequencer.replayFailure()).as("cleared once the replay API answers again").isNull();
	}

	@Test
	void remembersSinceWhenTheReplayApiFails() {
		publish(1, 4);
		this.replayFailuresLeft = 5;
		StreamSequencer sequencer = sequencer(GapPolicy.SKIP_AFTER_ONE_ATTEMPT);
		live(sequencer, 1);

		live(sequencer, 4);
		ReplayFailure first = sequencer.replayFailure();
		sequencer.catchUp();

		assertThat(first).isNotNull();
		assertThat(first.message()).isEqualTo("publisher down");
		assertThat(sequencer.replayFailure().since()).isEqualTo(first.since());
	}

	@Test
	void skipsAheadAndCountsTheLossWhenTheGapPolicySaysSo() {
		publish(1, 4);
		this.replayFailuresLeft = 2;
		StreamSequencer sequencer = sequencer(GapPolicy.SKIP_AFTER_ONE_ATTEMPT);

		live(sequencer, 1);
		live(sequencer, 4);

		assertThat(sequences()).containsExactly(1L, 4L);
		assertThat(this.metrics.lostCount()).isEqualTo(2);
	}

	@Test
	void deliversLiveEventsUnconfirmedWithoutCountingALossWhileTheReplayApiIsDown() {
		publish(1, 3);
		this.replayFailuresLeft = 100;
		StreamSequencer sequencer = sequencer(GapPolicy.SKIP_AFTER_ONE_ATTEMPT);

		live(sequencer, 1);
		live(sequencer, 2);
		live(sequencer, 3);

		assertThat(sequences()).containsExactly(1L, 2L, 3L);
		assertThat(this.metrics.lostCount()).isZero();
		assertThat(this.metrics.unconfirmedCount()).isEqualTo(3);
	}

	@Test
	void countsSequencesTheReplayApiNoLongerHasAsLost() {
		publish(5, 6);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);

		sequencer.start(OptionalLong.of(0));

		assertThat(sequences()).containsExactly(5L, 6L);
		assertThat(this.metrics.lostCount()).isEqualTo(4);
	}

	@Test
	void catchesUpAMissedTailOnRequest() {
		publish(1, 3);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);
		live(sequencer, 1);

		sequencer.catchUp();

		assertThat(sequences()).containsExactly(1L, 2L, 3L);
	}

	@Test
	void followsThePublisherWhenItsStreamWasReset() {
		publish(1, 500);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);
		live(sequencer, 500);
		publish(1, 2);

		sequencer.catchUp();
		publish(1, 3);
		live(sequencer, 3);

		assertThat(sequences()).containsExactly(500L, 3L);
	}

	@Test
	void aFailingHandlerIsCountedAndDoesNotStopTheStream() {
		publish(1, 3);
		StreamSequencer sequencer = new StreamSequencer((event) -> {
			if (event.sequence() == 2) {
				throw new IllegalStateException("handler bug");
			}
			this.delivered.add(event);
		}, this::replay, GapPolicy.WAIT_FOR_REPLAY, 100, Duration.ofMillis(10), this.codec, this.metrics);

		live(sequencer, 1);
		live(sequencer, 2);
		live(sequencer, 3);

		assertThat(sequences()).containsExactly(1L, 3L);
		assertThat(sequencer.position()).isEqualTo(3);
	}

	private StreamSequencer sequencer(GapPolicy policy) {
		return new StreamSequencer(this.delivered::add, this::replay, policy, 100, Duration.ofMillis(10), this.codec,
				this.metrics);
	}

	private ReplayPage replay(long after, int limit) {
		this.replayCalls.incrementAndGet();
		if (this.replayFailuresLeft > 0) {
			this.replayFailuresLeft--;
			throw new ReplayUnavailable("publisher down");
		}
		List<DeviceStateEvent> items = this.published.stream()
			.filter((event) -> event.sequence() > after)
			.limit(limit)
			.toList();
		long latest = this.published.isEmpty() ? 0 : this.published.get(this.published.size() - 1).sequence();
		long next = items.isEmpty() ? latest : items.get(items.size() - 1).sequence();
		return new ReplayPage(items, next, latest);
	}

	private void publish(long from, long to) {
		this.published.clear();
		LongStream.rangeClosed(from, to).forEach((sequence) -> this.published.add(event(sequence)));
	}

	private void live(StreamSequencer sequencer, long sequence) {
		DeviceStateEvent event = event(sequence);
		sequencer.onLive(event, this.codec.encode(event));
	}

	private List<Long> sequences() {
		return this.delivered.stream().map(StreamedEvent::sequence).toList();
	}

	/** A well-formed event with a sequence, but not the publisher's. */
	private static DeviceStateEvent forged(long sequence) {
		return DeviceStateEvent.propertyChanged(new UUID(1, sequence), sequence, "dev-1", "user-1", "tenant-1",
				"brightness", null, "forged", ChangeSource.API, Instant.parse("2026-11-27T12:00:00Z"));
	}

	private static DeviceStateEvent event(long sequence) {
		return DeviceStateEvent.propertyChanged(new UUID(0, sequence), sequence, "dev-1", "user-1", "tenant-1",
				"brightness", null, Long.toString(sequence), ChangeSource.API, Instant.parse("2026-11-27T12:00:00Z"));
	}

}
