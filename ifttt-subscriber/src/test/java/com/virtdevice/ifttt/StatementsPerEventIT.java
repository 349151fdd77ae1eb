package com.virtdevice.ifttt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.testsupport.CountedStatements;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SQL statements sent to PostgreSQL per event (issue 15, item 5), counted at the JDBC
 * boundary ({@link CountedStatements}): the history write, its bounds, the stream
 * position and the Realtime notifier's identity look-up. The figures are in
 * docs/ifttt-subscriber.md.
 */
class StatementsPerEventIT extends IftttServiceTestBase {

	private static final Logger log = LoggerFactory.getLogger(StatementsPerEventIT.class);

	@Test
	void storesSingleChangesWithAFewStatementsEach() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");
		int changes = 20;

		long before = CountedStatements.executed.get();
		for (int i = 1; i <= changes; i++) {
			awaitStoredUncounted(publisher.change(lamp, "brightness", String.valueOf(i), ChangeSource.WEB));
		}
		double perEvent = (CountedStatements.executed.get() - before) / (double) changes;

		log.info("Single changes: {} statements per event ({} events)", perEvent, changes);
		assertThat(perEvent).isLessThanOrEqualTo(5);
	}

	/**
	 * A burst as the stream hands it over: the publisher recorded 500 changes but only
	 * the last reached Redis, so the stream reads the others from the replay API and
	 * delivers them together.
	 */
	@Test
	void storesABurstWithAFewStatementsPerBatchNotPerEvent() {
		List<String> lamps = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			lamps.add(newDevice(newUser(), "Lamp " + i));
		}

		long before = CountedStatements.executed.get();
		List<DeviceStateEvent> published = new ArrayList<>();
		for (int round = 1; round <= 25; round++) {
			for (String lamp : lamps) {
				boolean last = round == 25 && lamp.equals(lamps.get(lamps.size() - 1));
				published.add(last ? publisher.change(lamp, "brightness", String.valueOf(round), ChangeSource.WEB)
						: publisher.recordOnly(lamp, "brightness", String.valueOf(round), ChangeSource.WEB));
			}
		}
		awaitAllStoredUncounted(published);
		double perEvent = (CountedStatements.executed.get() - before) / (double) published.size();

		log.info("Burst: {} statements per event ({} events)", perEvent, published.size());
		assertThat(perEvent).isLessThan(0.1);
	}

	private void awaitAllStoredUncounted(List<DeviceStateEvent> events) {
		UUID[] ids = events.stream().map(DeviceStateEvent::eventId).toArray(UUID[]::new);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> CountedStatements
				.uncounted(() -> this.jdbc.sql("SELECT count(*) FROM ifttt.trigger_events WHERE event_id = ANY(?)")
					.param(ids)
					.query(Long.class)
					.single()) == ids.length);
	}

	private void awaitStoredUncounted(DeviceStateEvent event) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> CountedStatements
				.uncounted(() -> this.jdbc.sql("SELECT count(*) FROM ifttt.trigger_events WHERE event_id = ?")
					.param(event.eventId())
					.query(Long.class)
					.single()) == 1);
	}

}
