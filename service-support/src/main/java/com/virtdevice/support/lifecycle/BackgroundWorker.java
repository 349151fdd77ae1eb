package com.virtdevice.support.lifecycle;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * One named daemon thread that runs a loop for as long as the application does: started
 * with the context, interrupted and joined when it stops. The hub's hand-rolled workers
 * (the event stream's dispatcher, the outbox relay, the publisher's notification
 * listener) share this one start/stop/join instead of each writing its own.
 */
public abstract class BackgroundWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BackgroundWorker.class);

	private final String threadName;

	private final Duration stopTimeout;

	private volatile @Nullable Thread thread;

	protected BackgroundWorker(String threadName, Duration stopTimeout) {
		this.threadName = threadName;
		this.stopTimeout = stopTimeout;
	}

	/**
	 * The worker's loop: runs until the thread is interrupted (then returns or throws
	 * {@link InterruptedException}). An exception ends the worker and is logged at ERROR;
	 * {@link #isRunning()} then turns false, which health indicators report.
	 */
	protected abstract void work() throws InterruptedException;

	@Override
	public void start() {
		Thread worker = new Thread(this::run, this.threadName);
		worker.setDaemon(true);
		this.thread = worker;
		worker.start();
	}

	@Override
	public void stop() {
		Thread worker = this.thread;
		this.thread = null;
		if (worker == null) {
			return;
		}
		worker.interrupt();
		try {
			worker.join(this.stopTimeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (worker.isAlive()) {
			log.warn("{} did not stop within {}", this.threadName, this.stopTimeout);
		}
	}

	@Override
	public boolean isRunning() {
		Thread worker = this.thread;
		return worker != null && worker.isAlive();
	}

	private void run() {
		try {
			work();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.error("{} stopped unexpectedly", this.threadName, ex);
		}
	}

}
