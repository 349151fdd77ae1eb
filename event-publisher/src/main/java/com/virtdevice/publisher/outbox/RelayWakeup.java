package com.virtdevice.publisher.outbox;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes the relay when there is something to publish, so API changes go out at once
 * without a NOTIFY inside the write transaction (NOTIFY serialises commits). When another
 * instance is the relay, this one sends it a NOTIFY on {@value #CHANNEL} — after the
 * commit, on its own connection, at most one at a time.
 */
@Component
public class RelayWakeup implements DisposableBean {

	/** The PostgreSQL channel instances use to wake the relay of another instance. */
	public static final String CHANNEL = "virtdevice_outbox";

	private static final Logger log = LoggerFactory.getLogger(RelayWakeup.class);

	private final BlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);

	private final JdbcTemplate jdbc;

	private final ExecutorService notifier = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "relay-wakeup-notify");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicBoolean notifyPending = new AtomicBoolean();

	private volatile boolean localRelayLeads;

	RelayWakeup(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Wakes the relay once the current transaction commits (or now, outside one). */
	public void afterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					wake();
				}
			});
		}
		else {
			wake();
		}
	}

	/** Wakes the relay now. */
	public void wake() {
		if (this.localRelayLeads) {
			this.signal.offer(Boolean.TRUE);
		}
		else if (this.notifyPending.compareAndSet(false, true)) {
			this.notifier.execute(this::notifyOtherInstances);
		}
	}

	void wakeLocally() {
		this.signal.offer(Boolean.TRUE);
	}

	void leading(boolean leads) {
		this.localRelayLeads = leads;
	}

	/** Waits until woken or the timeout passes. */
	void await(Duration timeout) throws InterruptedException {
		this.signal.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void notifyOtherInstances() {
		this.notifyPending.set(false);
		try {
			this.jdbc.execute("SELECT pg_notify('" + CHANNEL + "', '')");
		}
		catch (DataAccessException ex) {
			log.debug("Could not wake the relay of another instance; it polls anyway: {}", ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.notifier.shutdownNow();
	}

}
