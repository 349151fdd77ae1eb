package com.virtdevice.activity.audit;

import java.util.Collection;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Reads the writer needs; rows are written by {@link ActivityStore}. */
interface ActivityLogRepository extends Repository<ActivityLog, Long> {

	/** The highest stored sequence: where to resume after a restart. */
	@Query("select max(a.sequence) from ActivityLog a")
	Optional<Long> findLastSequence();

	/** How many of these ids made it into the table (skipped duplicates did not). */
	long countByIdIn(Collection<Long> ids);

}
