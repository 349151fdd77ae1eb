package com.virtdevice.ifttt;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventType;
import com.virtdevice.ifttt.history.HistoryStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The history the trigger endpoint serves: bounded, complete, in stream order. */
class HistoryIT extends IftttServiceTestBase {

	@Autowired
	HistoryStore history;

	@Test
	void keepsTheNewestFiftyChangesOfEachDevicePropertySoEveryFilterSeesItsNewestFifty() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");
		DeviceStateEvent power = publisher.change(lamp, "powerState", "ON", ChangeSource.WEB);
		List<DeviceStateEvent> brightness = IntStream.range(0, 55)
			.mapToObj((i) -> publisher.change(lamp, "brightness", Integer.toString(i), ChangeSource.API))
			.toList();
		awaitStored(brightness.get(54));

		assertThat(storedCount(user)).isEqualTo(51);
		assertThat(ids(user, "{\"property\":\"powerState\"}")).containsExactly(power.eventId().toString());
		List<String> newestBrightness = ids(user, "{\"property\":\"brightness\"}");
		assertThat(newestBrightness).hasSize(50);
		assertThat(newestBrightness.get(49)).isEqualTo(brightness.get(5).eventId().toString());
	}

	@Test
	void fillsEventsMissedOnRedisFromTheReplayApi() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");
		DeviceStateEvent missed1 = publisher.recordOnly(lamp, "powerState", "ON", ChangeSource.WEB);
		DeviceStateEvent missed2 = publisher.recordOnly(lamp, "brightness", "10", ChangeSource.WEB);
		DeviceStateEvent live = changeAndStore(lamp, "powerState", "OFF", ChangeSource.WEB);

		assertThat(ids(user, "{}")).containsExactly(live.eventId().toString(), missed2.eventId().toString(),
				missed1.eventId().toString());
	}

	@Test
	void forgetsTheHistoryOfADeletedDevice() {
		String user = newUser();
		String lamp = newDevice(user, "Lamp");
		String plug = newDevice(user, "Plug");
		changeAndStore(lamp, "powerState", "ON", ChangeSource.WEB);
		DeviceStateEvent plugChange = changeAndStore(plug, "powerState", "ON", ChangeSource.WEB);

		publisher.lifecycle(lamp, EventType.DEVICE_DELETED);

		await().atMost(Duration.ofSeconds(30)).until(() -> storedCount(user) == 1);
		assertThat(ids(user, "{}")).containsExactly(plugChange.eventId().toString());
	}

	@Test
	void recordsTheStreamPositionItResumesFromAfterARestart() {
		String user = newUser();
		changeAndStore(newDevice(user, "Lamp"), "powerState", "ON", ChangeSource.WEB);
		DeviceStateEvent lifecycle = publisher.lifecycle(newDevice(user, "Plug"), EventType.DEVICE_CREATED);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.history.position().orElse(0) >= lifecycle.sequence());
		assertThat(this.history.position()).isEqualTo(OptionalLong.of(publisher.latestSequence()));
	}

	private long storedCount(String user) {
		return this.jdbc.sql("SELECT count(*) FROM ifttt.trigger_events WHERE user_id = ?")
			.param(user)
			.query(Long.class)
			.single();
	}

	private List<String> ids(String user, String fields) {
		return json(poll(tokenFor(user), TriggerEndpointIT.body("history-" + user, fields, 100))).path("data")
			.valueStream()
			.map((item) -> item.path("meta").path("id").asString())
			.toList();
	}

}
