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

	private final List<List<StreamedEvent>> batches = new ArrayList<>();

	private final List<DeviceStateEvent> published = new ArrayList<>();

	private final AtomicInteger replayCalls = new AtomicInteger();

	private int replayFailuresLeft;

	private boolean replayRefuses;

	private final EventStreamMetrics metrics = new EventStreamMetrics(new SimpleMeterRegistry(), () -> 0, () -> 0);

	@Test
	void deliversInSequenceLiveEventsAsReceivedWithoutAskingTheReplayApi() {
		publish(1, 7);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);

		live(sequencer, 5);
		live(sequencer, 6);
		sequencer.flush();
		live(sequencer, 6);
		live(sequencer, 4);
		live(sequencer, 7);
		sequencer.flush();

		assertThat(sequences()).containsExactly(5L, 6L, 7L);
		assertThat(delivered()).noneMatch(StreamedEvent::replayed);
		assertThat(this.replayCalls).hasValue(0);
		assertThat(this.metrics.duplicateCount()).isEqualTo(2);
		assertThat(this.metrics.gapCount()).isZero();
	}

	@Test
	void handsInSequenceLiveEventsOverAsOneBatchPerFlush() {
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);

		live(sequencer, 1);
		live(sequencer, 2);
		live(sequencer, 3);
		assertThat(this.batches).isEmpty();
		assertThat(sequencer.position()).as("accepted, handed over at the flush").isEqualTo(3);
		sequencer.flush();
		live(sequencer, 4);
		sequencer.flush();

		assertThat(this.batches).extracting(List::size).containsExactly(3, 1);
	}

	@Test
	void fillsAJumpFromTheReplayApiAndDeliversTheEventThatRevealedIt() {
		publish(1, 6);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);
		live(sequencer, 1);

		live(sequencer, 5);
		live(sequencer, 6);
		sequencer.flush();

		assertThat(sequences()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
		assertThat(this.metrics.gapCount()).isEqualTo(1);
		assertThat(this.replayCalls).as("one page from 1 held 2-6").hasValue(1);
		assertThat(this.metrics.duplicateCount()).as("6 came with the page").isEqualTo(1);
	}

	@Test
	void rejectsASequenceThePublisherNeverPublishedWithoutMovingThePosition() {
		publish(1, 3);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);
		live(sequencer, 1);
		live(sequencer, 2);

		DeviceStateEvent forged = forged(1_000_000);
		sequencer.onLive(forged, this.codec.encode(forged));
		publish(1, 4);
		live(sequencer, 4);
		sequencer.flush();

		assertThat(this.metrics.rejectedCount()).isEqualTo(1);
		assertThat(sequences()).containsExactly(1L, 2L, 3L, 4L);
		assertThat(delivered()).noneMatch((event) -> event.event().equals(forged));
	}

	@Test
	void aForgedFirstEventOfALiveStreamCannotSkipTheRealOnes() {
		publish(1, 2);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);
		sequencer.start(OptionalLong.of(0));

		DeviceStateEvent forged = forged(900);
		sequencer.onLive(forged, this.codec.encode(forged));
		publish(1, 3);
		live(sequencer, 3);
		sequencer.flush();

		assertThat(sequences()).containsExactly(1L, 2L, 3L);
		assertThat(this.metrics.rejectedCount()).isEqualTo(1);
	}

	@Test
	void catchesUpFromTheLastHandledSequenceInPagesAtStart() {
		publish(1, 250);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);

		sequencer.start(OptionalLong.of(40));

		assertThat(sequences()).containsExactlyElementsOf(LongStream.rangeClosed(41, 250).boxed().toList());
		assertThat(delivered()).allMatch(StreamedEvent::replayed);
		assertThat(this.batches).extracting(List::size).containsExactly(100, 100, 10);
	}

	@Test
	void keepsRetryingTheReplayApiRatherThanDeliverPastAHole() {
		publish(1, 4);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);
		live(sequencer, 1);
		this.replayFailuresLeft = 2;

		live(sequencer, 4);

		assertThat(sequences()).containsExactly(1L, 2L, 3L, 4L);
		assertThat(this.replayCalls).hasValue(3);
		assertThat(this.metrics.lostCount()).isZero();
		assertThat(sequencer.replayFailure()).isNull();
	}

	@Test
	void skipsAheadAndCountsTheLossWhenTheGapPolicySaysSo() {
		publish(1, 5);
		StreamSequencer sequencer = sequencer(GapPolicy.SKIP_AFTER_ONE_ATTEMPT);
		live(sequencer, 1);
		this.replayFailuresLeft = 1;

		live(sequencer, 5);

		assertThat(sequences()).containsExactly(1L, 5L);
		assertThat(this.metrics.lostCount()).isEqualTo(3);
		assertThat(sequencer.replayFailure()).isNotNull();
	}

	@Test
	void keepsDeliveringLiveEventsWhileTheReplayApiIsDown() {
		StreamSequencer sequencer = sequencer(GapPolicy.SKIP_AFTER_ONE_ATTEMPT);
		this.replayFailuresLeft = Integer.MAX_VALUE;
		live(sequencer, 1);
		sequencer.probe();

		live(sequencer, 2);
		live(sequencer, 3);
		sequencer.flush();

		assertThat(sequences()).containsExactly(1L, 2L, 3L);
		assertThat(this.metrics.lostCount()).isZero();
		assertThat(sequencer.replayFailure()).isNotNull();
		assertThat(this.replayCalls).as("only the probe").hasValue(1);
	}

	@Test
	void remembersThatTheReplayApiRefusesThisService() {
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);
		this.replayRefuses = true;
		live(sequencer, 1);

		sequencer.probe();

		assertThat(sequencer.replayFailure()).isNotNull();
		assertThat(sequencer.replayFailure().refused()).isTrue();
	}

	@Test
	void countsSequencesTheReplayApiNoLongerHasAsLost() {
		publish(10, 12);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);

		sequencer.start(OptionalLong.of(0));

		assertThat(sequences()).containsExactly(10L, 11L, 12L);
		assertThat(this.metrics.lostCount()).isEqualTo(9);
	}

	@Test
	void catchesUpAMissedTailOnRequest() {
		publish(1, 3);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);
		live(sequencer, 1);

		sequencer.catchUp();

		assertThat(sequences()).containsExactly(1L, 2L, 3L);
		assertThat(delivered().get(0).replayed()).isFalse();
		assertThat(delivered().subList(1, 3)).allMatch(StreamedEvent::replayed);
	}

	@Test
	void followsThePublisherWhenItsStreamWasReset() {
		publish(1, 2);
		StreamSequencer sequencer = sequencer(GapPolicy.WAIT_FOR_REPLAY);
		sequencer.start(OptionalLong.of(50));

		assertThat(sequencer.position()).isEqualTo(2);
		publish(1, 3);
		live(sequencer, 3);
		sequencer.flush();
		assertThat(sequences()).containsExactly(3L);
	}

	@Test
	void aFailingHandlerIsCountedAndDoesNotStopTheStream() {
		StreamSequencer sequencer = new StreamSequencer((events) -> {
			if (events.get(0).sequence() == 2) {
				throw new IllegalStateException("handler bug");
			}
			this.batches.add(events);
		}, this::replay, GapPolicy.WAIT_FOR_REPLAY, 100, Duration.ofMillis(10), this.codec, this.metrics);

		live(sequencer, 1);
		sequencer.flush();
		live(sequencer, 2);
		sequencer.flush();
		live(sequencer, 3);
		sequencer.flush();

		assertThat(sequences()).containsExactly(1L, 3L);
		assertThat(sequencer.position()).isEqualTo(3);
		assertThat(this.metrics.failedCount()).isEqualTo(1);
	}

	private StreamSequencer sequencer(GapPolicy policy) {
		return new StreamSequencer(this.batches::add, this::replay, policy, 100, Duration.ofMillis(10), this.codec,
				this.metrics);
	}

	private ReplayPage replay(long after, int limit) {
		this.replayCalls.incrementAndGet();
		if (this.replayRefuses) {
			throw new ReplayRefused("401", new IllegalStateException("expired token"));
		}
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

	private List<StreamedEvent> delivered() {
		return this.batches.stream().flatMap(List::stream).toList();
	}

	private List<Long> sequences() {
		return delivered().stream().map(StreamedEvent::sequence).toList();
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
