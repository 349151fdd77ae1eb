package com.virtdevice.activity.query;

import java.io.Serial;

import com.virtdevice.support.web.HubProblem;

import org.springframework.http.HttpStatus;

/** A query parameter that cannot be answered: 400. */
class InvalidActivityQuery extends HubProblem {

	@Serial
	private static final long serialVersionUID = 1L;

	InvalidActivityQuery(String detail) {
		super(HttpStatus.BAD_REQUEST, detail);
	}

}
