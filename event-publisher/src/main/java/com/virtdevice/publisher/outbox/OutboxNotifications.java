package com.virtdevice.publisher.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import com.virtdevice.support.lifecycle.BackgroundWorker;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Listens for {@code property_changes} (the seed's NOTIFY, sent by
 * {@code notify_property_change()} for SQL run by hand) and {@value RelayWakeup#CHANNEL}
 * (another instance's API changes) and wakes the relay, so such changes are published at
 * once rather than at the next poll.
 */
@Component
class OutboxNotifications extends BackgroundWorker {

	static final String PROPERTY_CHANGES = "property_changes";

	private static final Logger log = LoggerFactory.getLogger(OutboxNotifications.class);

	private final RelayConnections connections;

	private final RelayWakeup wakeup;

	OutboxNotifications(RelayConnections connections, RelayWakeup wakeup) {
		super("outbox-notifications", Duration.ofSeconds(5));
		this.connections = connections;
		this.wakeup = wakeup;
	}

	@Override
	protected void work() throws InterruptedException {
		int failures = 0;
		while (!Thread.currentThread().isInterrupted()) {
			try (Connection connection = this.connections.open("listener");
					Statement statement = connection.createStatement()) {
				statement.execute("LISTEN " + PROPERTY_CHANGES);
				statement.execute("LISTEN " + RelayWakeup.CHANNEL);
				failures = 0;
				this.wakeup.wakeLocally();
				PGConnection notifications = connection.unwrap(PGConnection.class);
				while (!Thread.currentThread().isInterrupted()) {
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
				Thread.sleep(Math.min(5000, 100L * failures));
			}
		}
	}

}
