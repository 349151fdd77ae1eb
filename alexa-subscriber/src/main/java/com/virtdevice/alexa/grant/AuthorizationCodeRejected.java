package com.virtdevice.alexa.grant;

import com.virtdevice.support.web.HubProblem;

import org.springframework.http.HttpStatus;

/** Login with Amazon refused the AcceptGrant code (expired, already used, not ours). */
final class AuthorizationCodeRejected extends HubProblem {

	private static final long serialVersionUID = 1L;

	AuthorizationCodeRejected() {
		super(HttpStatus.BAD_REQUEST, "Login with Amazon refused the authorization code (invalid_grant): it may "
				+ "have expired or been used already. Enable the skill again to get a new one.");
	}

}
