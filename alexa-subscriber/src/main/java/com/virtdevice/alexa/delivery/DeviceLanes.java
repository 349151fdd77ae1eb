package com.virtdevice.alexa.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tasks of one device one after another, in submission order, and tasks of
 * different devices side by side on a shared executor. A device's lane exists only while
 * it has work; a busy lane yields its thread after a few tasks so that one chatty device
 * cannot starve the others. A task may also be queued later: a scheduler only wakes it
 * up, the lane runs it.
 */
final class DeviceLanes {

	private static final Logger log = LoggerFactory.getLogger(DeviceLanes.class);

	private static final int TASKS_PER_TURN = 16;

	private final Executor executor;

	private final ScheduledExecutorService scheduler;

	private final ConcurrentMap<String, Lane> lanes = new ConcurrentHashMap<>();

	DeviceLanes(Executor executor, ScheduledExecutorService scheduler) {
		this.executor = executor;
		this.scheduler = scheduler;
	}

	/** Queues a task behind the device's earlier ones. */
	void submit(String deviceId, Runnable task) {
		this.lanes.compute(deviceId, (id, lane) -> {
			if (lane == null) {
				Lane started = new Lane(id);
				started.tasks.add(task);
				this.executor.execute(started);
				return started;
			}
			lane.tasks.add(task);
			return lane;
		});
	}

	/** Queues a task behind the device's earlier ones once the delay has passed. */
	void submitLater(String deviceId, Duration delay, Runnable task) {
		this.scheduler.schedule(() -> submit(deviceId, task), delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Devices with queued or running work. */
	int active() {
		return this.lanes.size();
	}

	private final class Lane implements Runnable {

		private final String deviceId;

		private final Queue<Runnable> tasks = new ArrayDeque<>();

		Lane(String deviceId) {
			this.deviceId = deviceId;
		}

		@Override
		public void run() {
			for (int done = 0; done < TASKS_PER_TURN; done++) {
				Runnable task = next();
				if (task == null) {
					return;
				}
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					log.error("A task of device {} failed", this.deviceId, ex);
				}
			}
			DeviceLanes.this.executor.execute(this);
		}

		/** The next task, or null after retiring the lane (atomically with submit). */
		private Runnable next() {
			Runnable[] next = new Runnable[1];
			DeviceLanes.this.lanes.computeIfPresent(this.deviceId, (id, lane) -> {
				next[0] = lane.tasks.poll();
				return (next[0] != null) ? lane : null;
			});
			return next[0];
		}

	}

}
