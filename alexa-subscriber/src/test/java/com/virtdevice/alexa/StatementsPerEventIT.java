package com.virtdevice.alexa;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.virtdevice.alexa.grant.Region;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.testsupport.CountedStatements;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SQL statements sent to PostgreSQL per event of a linked user (issue 15, item 5),
 * counted at the JDBC boundary ({@link CountedStatements}): one change at a time, each
 * its own report, and a burst of many devices' changes. The figures are in
 * docs/alexa-subscriber.md.
 */
class StatementsPerEventIT extends AlexaServiceHarness {

	private static final Logger log = LoggerFactory.getLogger(StatementsPerEventIT.class);

	@Test
	void reportsSingleChangesWithAFewStatementsEach() {
		String user = unique("user");
		link(user, Region.NA);
		String lamp = device(user, Map.of("powerState", "OFF", "brightness", "40"));
		int changes = 20;

		long before = CountedStatements.executed.get();
		for (int i = 1; i <= changes; i++) {
			publisher.change(lamp, "brightness", String.valueOf(i), ChangeSource.WEB);
			awaitReports(na, lamp, i);
			awaitSettled(lamp);
		}
		double perEvent = (CountedStatements.executed.get() - before) / (double) changes;

		log.info("Single changes: {} statements per event ({} events)", perEvent, changes);
		assertThat(perEvent).isLessThanOrEqualTo(8.5);
	}

	/**
	 * A burst as the stream hands it over: the publisher recorded 200 changes of 20
	 * devices but only the last reached Redis, so the stream reads the others from the
	 * replay API and delivers them together (replayed: checked against earlier reports,
	 * one report per device once the catch-up has settled).
	 */
	@Test
	void reportsABurstOfManyDevicesWithAboutOneStatementPerEvent() {
		String user = unique("user");
		link(user, Region.NA);
		List<String> lamps = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			lamps.add(device(user, Map.of("powerState", "OFF", "brightness", "40")));
		}
		int rounds = 10;

		long before = CountedStatements.executed.get();
		List<DeviceStateEvent> published = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			for (String lamp : lamps) {
				boolean last = round == rounds && lamp.equals(lamps.get(lamps.size() - 1));
				published.add(last ? publisher.change(lamp, "brightness", String.valueOf(round), ChangeSource.WEB)
						: publisher.recordOnly(lamp, "brightness", String.valueOf(round), ChangeSource.WEB));
			}
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> lamps.stream()
				.allMatch((lamp) -> na.reportsOf(lamp)
					.stream()
					.anyMatch((report) -> FakeGateway.body(report)
						.at("/event/payload/change/properties")
						.valueStream()
						.anyMatch((property) -> "brightness".equals(property.path("name").asString())
								&& property.path("value").asInt() == rounds))));
		lamps.forEach(this::awaitSettled);
		double perEvent = (CountedStatements.executed.get() - before) / (double) published.size();

		log.info("Burst: {} statements per event ({} events of {} devices, {} reports)", perEvent, published.size(),
				lamps.size(), lamps.stream().mapToInt((lamp) -> na.reportsOf(lamp).size()).sum());
		assertThat(perEvent).isLessThan(1.5);
	}

	/** Every delivery of the device has come to an end, so its statements are counted. */
	private void awaitSettled(String deviceId) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> CountedStatements.uncounted(() -> this.jdbc
				.sql("select count(*) from deliveries where device_id = :device and completed_at is null")
				.param("device", deviceId)
				.query(Long.class)
				.single()) == 0);
	}

}
