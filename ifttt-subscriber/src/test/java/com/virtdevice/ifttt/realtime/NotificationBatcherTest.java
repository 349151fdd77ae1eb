package com.virtdevice.ifttt.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;

import com.virtdevice.ifttt.identity.IftttUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NotificationBatcherTest {

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	private final List<List<Notification>> sent = new CopyOnWriteArrayList<>();

	private final List<String> sendingThreads = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.scheduler.shutdownNow();
	}

	@Test
	void sendsWhatArrivesWithinTheWindowAsOneBatchWithoutRepeats() {
		NotificationBatcher batcher = batcher(Duration.ofMillis(300), 1000);

		batcher.add(List.of(user("u1"), Notification.triggerIdentity("t1")));
		batcher.add(List.of(user("u1"), user("u2")));

		await().atMost(Duration.ofSeconds(10)).until(() -> !this.sent.isEmpty());
		assertThat(this.sent).containsExactly(List.of(user("u1"), Notification.triggerIdentity("t1"), user("u2")));
		assertThat(this.sendingThreads).doesNotContain(Thread.currentThread().getName());
	}

	@Test
	void sendsAtOnceInBatchesOfAtMostTheLimitWhenThatManyAreWaiting() {
		NotificationBatcher batcher = batcher(Duration.ofHours(1), 1000);

		batcher.add(IntStream.range(0, 2500).mapToObj((i) -> user("u" + i)).toList());

		await().atMost(Duration.ofSeconds(10)).until(() -> this.sent.size() == 3);
		assertThat(this.sent).extracting(List::size).containsExactly(1000, 1000, 500);
		assertThat(this.sent.stream().flatMap(List::stream).distinct()).hasSize(2500);
	}

	@Test
	void opensANewWindowForNotificationsAfterAFlush() {
		NotificationBatcher batcher = batcher(Duration.ofMillis(50), 1000);

		batcher.add(List.of(user("u1")));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sent.size() == 1);
		batcher.add(List.of(user("u1")));

		await().atMost(Duration.ofSeconds(10)).until(() -> this.sent.size() == 2);
		assertThat(batcher.pending()).isZero();
	}

	private NotificationBatcher batcher(Duration window, int maxBatchSize) {
		return new NotificationBatcher(this.scheduler, window, maxBatchSize, (batch) -> {
			this.sendingThreads.add(Thread.currentThread().getName());
			this.sent.add(batch);
		});
	}

	private static Notification user(String userId) {
		return Notification.user(new IftttUser("t", userId));
	}

}
