package com.virtdevice.alexa.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeviceLanesTest {

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final DeviceLanes lanes = new DeviceLanes(this.executor, this.scheduler);

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
		this.scheduler.shutdownNow();
	}

	@Test
	void runsALaterTaskOnTheDevicesLaneBehindWhatWasQueuedMeanwhile() {
		List<String> seen = new CopyOnWriteArrayList<>();
		this.lanes.submitLater("device-1", Duration.ofMillis(200), () -> seen.add("later"));
		this.lanes.submit("device-1", () -> seen.add("now"));
		await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
		assertThat(seen).containsExactly("now", "later");
	}

	@Test
	void runsTheTasksOfOneDeviceInOrderOneAtATime() {
		List<Integer> seen = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 500; i++) {
			int n = i;
			this.lanes.submit("device-1", () -> seen.add(n));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 500);
		assertThat(seen).isSorted();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.lanes.active() == 0);
	}

	@Test
	void aBlockedDeviceDoesNotHoldUpAnother() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch otherRan = new CountDownLatch(1);
		this.lanes.submit("slow", () -> {
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		this.lanes.submit("slow", otherRan::countDown);
		CountDownLatch fast = new CountDownLatch(1);
		this.lanes.submit("fast", fast::countDown);
		assertThat(fast.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(otherRan.getCount()).isEqualTo(1);
		release.countDown();
		assertThat(otherRan.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aFailingTaskDoesNotStopTheLane() {
		List<String> seen = new CopyOnWriteArrayList<>();
		this.lanes.submit("device-1", () -> {
			throw new IllegalStateException("boom");
		});
		this.lanes.submit("device-1", () -> seen.add("after"));
		await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains("after"));
	}

}
