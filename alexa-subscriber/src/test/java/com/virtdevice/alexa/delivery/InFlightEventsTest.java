package com.virtdevice.alexa.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightEventsTest {

	@Test
	void theWatermarkStopsBeforeTheOldestUnfinishedEvent() {
		InFlightEvents events = new InFlightEvents(10);
		assertThat(events.watermark()).isEqualTo(10);
		events.begin(11);
		events.begin(12);
		events.begin(13);
		assertThat(events.watermark()).isEqualTo(10);
		events.end(12);
		events.end(13);
		assertThat(events.watermark()).isEqualTo(10);
		events.end(11);
		assertThat(events.watermark()).isEqualTo(13);
	}

	@Test
	void anOldEventSeenAgainDoesNotMoveTheWatermarkBack() {
		InFlightEvents events = new InFlightEvents(20);
		events.begin(5);
		assertThat(events.watermark()).isEqualTo(4);
		events.end(5);
		assertThat(events.watermark()).isEqualTo(20);
	}

	@Test
	void isUnknownBeforeTheFirstEvent() {
		assertThat(new InFlightEvents(-1).watermark()).isEqualTo(-1);
	}

}
