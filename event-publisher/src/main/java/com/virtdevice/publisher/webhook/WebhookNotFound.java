package com.virtdevice.publisher.webhook;

import java.io.Serial;

import com.virtdevice.support.web.HubProblem;

import org.springframework.http.HttpStatus;

/** No such webhook on the caller's device. */
class WebhookNotFound extends HubProblem {

	@Serial
	private static final long serialVersionUID = 1L;

	WebhookNotFound(String id) {
		super(HttpStatus.NOT_FOUND, "No webhook " + id);
	}

}
