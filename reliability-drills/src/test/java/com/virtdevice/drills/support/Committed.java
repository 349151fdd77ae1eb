package com.virtdevice.drills.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * The ground truth of a drill: the events the publisher committed (its outbox,
 * {@code publisher.events}) after a mark, read from the database. Every one of them must
 * reach every consumer exactly once, with a {@code sequence} that leaves no hole.
 */
public final class Committed {

	private final DrillHub hub;

	private final long afterRowId;

	private final long afterSequence;

	private Committed(DrillHub hub, long afterRowId, long afterSequence) {
		this.hub = hub;
		this.afterRowId = afterRowId;
		this.afterSequence = afterSequence;
	}

	/**
	 * Marks the present, once the publisher has published everything recorded so far:
	 * what the drill commits from now on is {@link #events()}.
	 */
	public static Committed mark(DrillHub hub) {
		await().atMost(Duration.ofSeconds(60)).until(() -> unpublished(hub) == 0);
		try (Connection db = hub.database();
				Statement statement = db.createStatement();
				ResultSet row = statement
					.executeQuery("select coalesce(max(id), 0), coalesce(max(sequence), 0) from publisher.events")) {
			row.next();
			return new Committed(hub, row.getLong(1), row.getLong(2));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The highest sequence when the mark was made. */
	public long afterSequence() {
		return this.afterSequence;
	}

	/** Waits until the publisher has given every committed event a sequence. */
	public List<CommittedEvent> awaitAllSequenced(Duration timeout) {
		await().atMost(timeout).until(() -> unpublished(this.hub) == 0);
		return events();
	}

	/** The events committed since the mark, in sequence order (unsequenced last). */
	public List<CommittedEvent> events() {
		List<CommittedEvent> events = new ArrayList<>();
		try (Connection db = this.hub.database();
				PreparedStatement query = db.prepareStatement("select event_id, sequence, user_id, new_value, "
						+ "occurred_at from publisher.events where id > ? order by sequence nulls last, id")) {
			query.setLong(1, this.afterRowId);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					long sequence = rows.getLong(2);
					events.add(new CommittedEvent(rows.getObject(1, UUID.class), rows.wasNull() ? -1 : sequence,
							rows.getString(3), rows.getString(4), rows.getTimestamp(5).toInstant()));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return events;
	}

	/**
	 * Whether the whole stream's sequences (not only this drill's) run from the first to
	 * the last without a hole or a repeat.
	 */
	public boolean streamIsContiguous() {
		try (Connection db = this.hub.database();
				Statement statement = db.createStatement();
				ResultSet row = statement.executeQuery("select count(*), count(distinct sequence), min(sequence), "
						+ "max(sequence) from publisher.events where sequence is not null")) {
			row.next();
			return row.getLong(1) == row.getLong(2) && row.getLong(4) - row.getLong(3) + 1 == row.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether these events' sequences continue the stream from the mark without a gap.
	 */
	public boolean contiguousFromMark(List<CommittedEvent> events) {
		for (int i = 0; i < events.size(); i++) {
			if (events.get(i).sequence() != this.afterSequence + 1 + i) {
				return false;
			}
		}
		return true;
	}

	public static Set<UUID> ids(List<CommittedEvent> events) {
		return events.stream().map(CommittedEvent::eventId).collect(Collectors.toSet());
	}

	/** Recorded changes the publisher has not given a sequence yet. */
	public static long unpublished(DrillHub hub) {
		try (Connection db = hub.database();
				Statement statement = db.createStatement();
				ResultSet row = statement
					.executeQuery("select count(*) from publisher.events where sequence is null")) {
			row.next();
			return row.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One committed event.
	 *
	 * @param eventId its id
	 * @param sequence its sequence, -1 while unpublished
	 * @param userId whose device
	 * @param newValue the value it set
	 * @param occurredAt its commit time
	 */
	public record CommittedEvent(UUID eventId, long sequence, String userId, String newValue, Instant occurredAt) {
	}

}
