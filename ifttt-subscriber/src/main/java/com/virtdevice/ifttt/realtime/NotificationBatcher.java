package com.virtdevice.ifttt.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Collects notifications for a short window after the first one arrives, drops repeats,
 * and hands them on in batches of at most {@code maxBatchSize} — at once when that many
 * are waiting. Runs the hand-over on the given scheduler, never on the caller's thread.
 */
final class NotificationBatcher {

	private final ScheduledExecutorService scheduler;

	private final Duration window;

	private final int maxBatchSize;

	private final Consumer<List<Notification>> sink;

	private final Object lock = new Object();

	private final Set<Notification> pending = new LinkedHashSet<>();

	private boolean flushScheduled;

	NotificationBatcher(ScheduledExecutorService scheduler, Duration window, int maxBatchSize,
			Consumer<List<Notification>> sink) {
		this.scheduler = scheduler;
		this.window = window;
		this.maxBatchSize = maxBatchSize;
		this.sink = sink;
	}

	void add(Collection<Notification> notifications) {
		boolean full;
		boolean opensWindow;
		synchronized (this.lock) {
			this.pending.addAll(notifications);
			full = this.pending.size() >= this.maxBatchSize;
			opensWindow = !this.flushScheduled && !this.pending.isEmpty();
			this.flushScheduled |= opensWindow;
		}
		try {
			if (full) {
				this.scheduler.execute(this::flush);
			}
			else if (opensWindow) {
				this.scheduler.schedule(this::flush, this.window.toNanos(), TimeUnit.NANOSECONDS);
			}
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: flush() below hands on what is left.
		}
	}

	/** Notifications waiting for their window to close. */
	int pending() {
		synchronized (this.lock) {
			return this.pending.size();
		}
	}

	/** Hands on everything waiting, in batches. */
	void flush() {
		List<List<Notification>> batches = new ArrayList<>();
		synchronized (this.lock) {
			this.flushScheduled = false;
			List<Notification> batch = new ArrayList<>();
			for (Notification notification : this.pending) {
				batch.add(notification);
				if (batch.size() == this.maxBatchSize) {
					batches.add(batch);
					batch = new ArrayList<>();
				}
			}
			if (!batch.isEmpty()) {
				batches.add(batch);
			}
			this.pending.clear();
		}
		batches.forEach(this.sink);
	}

}
