package com.virtdevice.dashboard.relay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.virtdevice.dashboard.RunningDashboard;
import com.virtdevice.dashboard.StompTestClient;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.events.EventCodec;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A browser that stops reading (a tiny socket receive buffer, then silence) is cut off
 * once its send backlog passes {@code send-buffer-size-limit} (256 KB here); the user's
 * other browsers keep receiving every event in order meanwhile, and the cut-off browser
 * can resume where it was. Events of ~1.2 KB are published for one user, 20 every 20 ms
 * (up to 1,000 a second — far more than any real user), each batch once the reading
 * browsers have the previous one: a reading browser is never more than one batch (~24 KB)
 * behind, however the machine schedules its threads, while the stalled one falls further
 * behind with every batch. Each batch must reach the reading browsers within 8 s, less
 * than {@code send-time-limit}, so they are never held up by the stalled browser.
 * (Published open-loop at 1,000 a second, the test also cut off a reading browser on a
 * 2-core machine shared by several builds, whenever the thread writing to it was
 * descheduled for a few hundred milliseconds.)
 */
class SlowBrowserIT extends RunningDashboard {

	private static final Logger log = LoggerFactory.getLogger(SlowBrowserIT.class);

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final EventCodec codec = new EventCodec();

	/** Events published at most every 20 ms. */
	private static final int EVENTS_PER_TICK = 20;

	/**
	 * Less than the {@code send-time-limit} a stalled browser could hold others up for.
	 */
	private static final Duration MAX_BATCH_DELIVERY = Duration.ofSeconds(8);

	@LocalServerPort
	private int port;

	@Autowired
	private DeviceUpdateSubscriptions subscriptions;

	@Test
	void cutsOffABrowserThatStopsReadingWithoutSlowingTheOthers() throws InterruptedException {
		String user = "frank";
		String lamp = device("frank-lamp", user, "Frank's lamp", Map.of("note", ""));
		StompTestClient fast1 = StompTestClient.connect(this.port, userToken(user)).subscribe(null);
		StompTestClient fast2 = StompTestClient.connect(this.port, userToken(user)).subscribe(null);
		RawWebSocket stalled = RawWebSocket.open(this.port, 4096);
		assertThat(stalled.stompConnect(userToken(user)).text()).startsWith("CONNECTED");
		stalled.sendText("SUBSCRIBE\nid:stalled\ndestination:/user/queue/device-updates\n\n\0");
		await().atMost(WAIT).until(() -> this.subscriptions.of(user).size() == 3);
		// One event through the whole path first, so all three subscriptions are live
		// before the load starts.
		DeviceStateEvent warmUp = devicesApi.change(lamp, "note", "warm-up", ChangeSource.API);
		await().atMost(WAIT).until(() -> fast1.sequences().contains(warmUp.sequence()));

		long before = publisher.latestSequence();
		String padding = "x".repeat(1000);
		int published = 0;
		long slowestBatch = 0;
		Semaphore pace = new Semaphore(0);
		ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
		ticks.scheduleAtFixedRate(pace::release, 20, 20, TimeUnit.MILLISECONDS);
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (this.subscriptions.of(user).size() == 3 && published < 20_000 && System.nanoTime() < deadline) {
			for (int i = 0; i < EVENTS_PER_TICK; i++, published++) {
				devicesApi.change(lamp, "note", padding + published, ChangeSource.API);
			}
			int expectedSoFar = published + 1;
			long batchStarted = System.nanoTime();
			await().atMost(MAX_BATCH_DELIVERY)
				.pollInSameThread()
				.pollInterval(Duration.ofMillis(1))
				.until(() -> fast1.received() >= expectedSoFar && fast2.received() >= expectedSoFar);
			slowestBatch = Math.max(slowestBatch, System.nanoTime() - batchStarted);
			pace.acquire();
		}
		long lastPublished = System.nanoTime();
		ticks.shutdownNow();

		assertThat(this.subscriptions.of(user)).as("the stalled browser was cut off, the others kept")
			.extracting(DeviceUpdateSubscription::subscriptionId)
			.containsOnly("0");
		List<String> expected = publisher.events()
			.stream()
			.filter((event) -> event.userId().equals(user) && event.sequence() > before)
			.map(codec::encodeToString)
			.toList();
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(fast1.bodies().size()).as("events of the first browser")
				.isGreaterThanOrEqualTo(expected.size() + 1);
			assertThat(fast2.bodies().size()).as("events of the second browser")
				.isGreaterThanOrEqualTo(expected.size() + 1);
		});
		Duration catchUp = Duration.ofNanos(System.nanoTime() - lastPublished);
		log.info(
				"Stalled browser cut off after {} events of ~1.2 KB; the others had each batch within {} ms, "
						+ "and all of them {} ms after the last",
				published, TimeUnit.NANOSECONDS.toMillis(slowestBatch), catchUp.toMillis());
		assertThat(fast1.bodies()).as("after the warm-up event")
			.startsWith(codec.encodeToString(warmUp))
			.containsSubsequence(expected)
			.hasSize(expected.size() + 1);
		assertThat(fast2.bodies()).startsWith(codec.encodeToString(warmUp))
			.containsSubsequence(expected)
			.hasSize(expected.size() + 1);
		assertThat(catchUp).as("the others were not held up by the stalled browser's send-time-limit")
			.isLessThan(Duration.ofSeconds(8));
		assertThat(stalled.drainUntilClosed()).as("the server closed the stalled connection").isTrue();
		stalled.close();

		StompTestClient resumed = StompTestClient.connect(this.port, userToken(user)).subscribe(before);
		await().atMost(WAIT).until(() -> resumed.bodies().size() >= expected.size());
		assertThat(resumed.bodies()).containsExactlyElementsOf(expected);
		List.of(fast1, fast2, resumed).forEach(StompTestClient::close);
	}

}
