package com.virtdevice.support.web;

import java.io.Serial;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Base of the exceptions a service throws for what happened ({@code DeviceNotFound},
 * {@code InvalidSignature}, …). Spring MVC turns each into an RFC 9457 problem with the
 * status and detail given here — the one place the mapping happens.
 */
public abstract class HubProblem extends ErrorResponseException {

	@Serial
	private static final long serialVersionUID = 1L;

	protected HubProblem(HttpStatus status, String detail) {
		super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
		getBody().setTitle(status.getReasonPhrase());
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
