package com.virtdevice.alexa;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.virtdevice.alexa.grant.Region;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import com.virtdevice.support.events.HubEventListener;
import com.virtdevice.support.events.StreamedEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events missed on Redis or while the service was down: the latest state, once. */
class CatchUpIT extends AlexaServiceHarness {

	@Autowired
	HubEventListener listener;

	@Test
	void eventsMissedOnRedisAreReportedAsTheLatestStateOfTheDevice() {
		String user = unique("user");
		link(user, Region.NA);
		String light = device(user, Map.of("powerState", "OFF", "brightness", "0"));
		String plug = device(user, Map.of("powerState", "OFF"));

		publisher.recordOnly(light, "brightness", "10", ChangeSource.WEB);
		publisher.recordOnly(light, "brightness", "20", ChangeSource.WEB);
		publisher.recordOnly(light, "brightness", "30", ChangeSource.WEB);
		publisher.change(plug, "powerState", "ON", ChangeSource.WEB);

		awaitReports(na, plug, 1);
		JsonNode report = FakeGateway.body(awaitReports(na, light, 1).get(0));
		assertThat(report.at("/event/payload/change/properties/0/value").asInt()).isEqualTo(30);
		await().during(Duration.ofMillis(1500))
			.atMost(Duration.ofSeconds(4))
			.until(() -> na.reportsOf(light).size() == 1);
	}

	@Test
	void afterDowntimeOnlyTheLatestStateIsSentFromTheStoredPosition() {
		String user = unique("user");
		link(user, Region.NA);
		String light = device(user, Map.of("powerState", "OFF", "brightness", "0"));
		await().atMost(Duration.ofSeconds(30)).until(() -> storedPosition() == publisher.latestSequence());

		this.stream.stop();
		try {
			publisher.change(light, "brightness", "10", ChangeSource.WEB);
			publisher.change(light, "powerState", "ON", ChangeSource.WEB);
			publisher.change(light, "brightness", "75", ChangeSource.IFTTT);
		}
		finally {
			this.stream.start();
		}

		JsonNode report = FakeGateway.body(awaitReports(na, light, 1).get(0));
		JsonNode changed = report.at("/event/payload/change/properties");
		assertThat(changed).hasSize(2);
		assertThat(changed.valueStream().map((property) -> property.path("value").toString()))
			.containsExactlyInAnyOrder("75", "\"ON\"");
		await().during(Duration.ofMillis(1500))
			.atMost(Duration.ofSeconds(4))
			.until(() -> na.reportsOf(light).size() == 1);
		await().atMost(Duration.ofSeconds(30)).until(() -> storedPosition() == publisher.latestSequence());
	}

	@Test
	void anEventAlreadyReportedIsNotReportedAgainWhenReplayed() {
		String user = unique("user");
		link(user, Region.NA);
		String plug = device(user, Map.of("powerState", "OFF"));
		DeviceStateEvent event = publisher.change(plug, "powerState", "ON", ChangeSource.WEB);
		awaitReports(na, plug, 1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "SENT"
				.equals(json(call("GET", "/api/alexa/deliveries?eventId=" + event.eventId(), opsToken(), null).body())
					.at("/items/0/outcome")
					.asString()));
		double duplicates = count("virtdevice.alexa.events.skipped", "reason", "duplicate");

		this.listener.onEvents(List.of(new StreamedEvent(event, new EventCodec().encode(event), true)));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> count("virtdevice.alexa.events.skipped", "reason", "duplicate") > duplicates);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> na.reportsOf(plug).size() == 1);
	}

	private long storedPosition() {
		return this.jdbc.sql("select sequence from stream_position where id = 1")
			.query(Long.class)
			.optional()
			.orElse(-1L);
	}

}
