package com.virtdevice.activity.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import com.virtdevice.events.DeviceStateEvent;
import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes audit rows through JPA: one transaction per batch, sent as JDBC batches
 * ({@code hibernate.jdbc.batch_size}), ids from a pooled sequence, duplicates skipped by
 * the entity's {@code on conflict} insert. Duplicates are counted by asking which of the
 * batch's ids made it into the table, which works with any driver batching mode. A
 * {@code @Repository}, so failures arrive as Spring's {@code DataAccessException}s.
 */
@Repository
class ActivityStore implements BatchStore {

	private final EntityManager entityManager;

	private final ActivityLogRepository rows;

	ActivityStore(EntityManager entityManager, ActivityLogRepository rows) {
		this.entityManager = entityManager;
		this.rows = rows;
	}

	@Override
	@Transactional
	public Outcome store(List<DeviceStateEvent> events) {
		Instant recordedAt = Instant.now();
		List<Long> ids = new ArrayList<>(events.size());
		for (DeviceStateEvent event : events) {
			ActivityLog row = ActivityLog.of(event, recordedAt);
			this.entityManager.persist(row);
			ids.add(row.getId());
		}
		this.entityManager.flush();
		int inserted = (int) this.rows.countByIdIn(ids);
		// Skipped rows live on in the persistence context as if stored; forget them all.
		this.entityManager.clear();
		return new Outcome(inserted, events.size() - inserted);
	}

	@Override
	@Transactional(readOnly = true)
	public OptionalLong lastStoredSequence() {
		return OptionalLong.of(this.rows.findLastSequence().orElse(0L));
	}

}
