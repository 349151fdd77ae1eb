package com.virtdevice.alexa.delivery;

import java.util.List;
import java.util.OptionalLong;

import com.virtdevice.support.events.HubEventListener;
import com.virtdevice.support.events.ReplaySource;
import com.virtdevice.support.events.ReplayUnavailable;
import com.virtdevice.support.events.StreamedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This service's one subscription: {@code device:*:state} (the SPEC's pattern) plus
 * {@code global:events}, so that every sequence is seen and device deletions are known.
 * Resumes from the stored stream position. On the very first start there is none: the
 * service then starts at the publisher's head, rather than at the first live event, so
 * that nothing published while the subscription was being set up is missed — and it does
 * not replay the days of history the publisher retains.
 */
final class AlexaEventListener implements HubEventListener {

	private static final Logger log = LoggerFactory.getLogger(AlexaEventListener.class);

	private final ReportPipeline pipeline;

	private final StreamPosition position;

	private final ReplaySource replay;

	AlexaEventListener(ReportPipeline pipeline, StreamPosition position, ReplaySource replay) {
		this.pipeline = pipeline;
		this.position = position;
		this.replay = replay;
	}

	@Override
	public StreamChannels channels() {
		return StreamChannels.DEVICES_AND_GLOBAL;
	}

	@Override
	public OptionalLong lastHandledSequence() {
		OptionalLong stored = this.position.load();
		if (stored.isPresent()) {
			return stored;
		}
		try {
			long head = this.replay.fetch(0, 1).latestSequence();
			log.info("First start: following the event stream from the publisher's head, sequence {}", head);
			this.position.startAt(head);
			return OptionalLong.of(head);
		}
		catch (ReplayUnavailable ex) {
			log.warn("First start and the publisher cannot tell its head ({}): starting with the first live event",
					ex.getMessage());
			return OptionalLong.empty();
		}
	}

	@Override
	public void onEvents(List<StreamedEvent> events) {
		this.pipeline.accept(events);
	}

}
