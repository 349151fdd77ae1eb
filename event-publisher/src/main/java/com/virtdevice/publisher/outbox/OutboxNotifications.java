package com.virtdevice.publisher.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens for {@code property_changes} (the seed's NOTIFY, sent by
 * {@code notify_property_change()} for SQL run by hand) and {@value RelayWakeup#CHANNEL}
 * (another instance's API changes) and wakes the relay, so such changes are published at
 * once rather than at the next poll.
 */
@Component
class OutboxNotifications implements SmartLifecycle {

	static final String PROPERTY_CHANGES = "property_changes";

	private static final Logger log = LoggerFactory.getLogger(OutboxNotifications.class);

	private final RelayConnections connections;

	private final RelayWakeup wakeup;

	private volatile @Nullable Thread thread;

	OutboxNotifications(RelayConnections connections, RelayWakeup wakeup) {
		this.connections = connections;
		this.wakeup = wakeup;
	}

	@Override
	public void start() {
		Thread listener = new Thread(this::listen, "outbox-notifications");
		listener.setDaemon(true);
		this.thread = listener;
		listener.start();
	}

	@Override
	public void stop() {
		Thread listener = this.thread;
		this.thread = null;
		if (listener != null) {
			listener.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	private void listen() {
		int failures = 0;
		while (this.thread != null && !Thread.currentThread().isInterrupted()) {
			try (Connection connection = this.connections.open("listener");
					Statement statement = connection.createStatement()) {
				statement.execute("LISTEN " + PROPERTY_CHANGES);
				statement.execute("LISTEN " + RelayWakeup.CHANNEL);
				failures = 0;
				this.wakeup.wakeLocally();
				PGConnection notifications = connection.unwrap(PGConnection.class);
				while (this.thread != null && !Thread.currentThread().isInterrupted()) {
					PGNotification[] received = notifications.getNotifications(1000);
					if (received != null && received.length > 0) {
						this.wakeup.wakeLocally();
					}
				}
			}
			catch (SQLException ex) {
				failures++;
				if (failures == 1 || failures % 30 == 0) {
					log.warn("Cannot LISTEN for changes made outside the API (attempt {}); the relay still polls: {}",
							failures, ex.getMessage());
				}
				try {
					Thread.sleep(Math.min(5000, 100L * failures));
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

}
