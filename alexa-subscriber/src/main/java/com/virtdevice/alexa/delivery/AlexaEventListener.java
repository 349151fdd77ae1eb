package com.virtdevice.alexa.delivery;

import java.util.OptionalLong;

import com.virtdevice.support.events.HubEventListener;
import com.virtdevice.support.events.StreamedEvent;

/**
 * This service's one subscription: {@code device:*:state} (the SPEC's pattern) plus
 * {@code global:events}, so that every sequence is seen and device deletions are known.
 * Resumes from the stored stream position.
 */
final class AlexaEventListener implements HubEventListener {

	private final ReportPipeline pipeline;

	private final StreamPosition position;

	AlexaEventListener(ReportPipeline pipeline, StreamPosition position) {
		this.pipeline = pipeline;
		this.position = position;
	}

	@Override
	public StreamChannels channels() {
		return StreamChannels.DEVICES_AND_GLOBAL;
	}

	@Override
	public OptionalLong lastHandledSequence() {
		return this.position.load();
	}

	@Override
	public void onEvent(StreamedEvent event) {
		this.pipeline.accept(event);
	}

}
