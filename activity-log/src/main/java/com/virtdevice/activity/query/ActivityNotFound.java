package com.virtdevice.activity.query;

import java.io.Serial;

import com.virtdevice.support.web.HubProblem;

import org.springframework.http.HttpStatus;

/**
 * No such row for this caller: 404 also for another tenant's row, so that existence does
 * not leak across tenants.
 */
class ActivityNotFound extends HubProblem {

	@Serial
	private static final long serialVersionUID = 1L;

	ActivityNotFound(long id) {
		super(HttpStatus.NOT_FOUND, "No activity " + id);
	}

}
