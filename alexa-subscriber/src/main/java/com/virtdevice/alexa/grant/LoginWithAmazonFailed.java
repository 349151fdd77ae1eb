package com.virtdevice.alexa.grant;

import com.virtdevice.support.web.HubProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The code could not be exchanged because of Login with Amazon or our configuration. */
final class LoginWithAmazonFailed extends HubProblem {

	private static final long serialVersionUID = 1L;

	private LoginWithAmazonFailed(HttpStatus status, String detail) {
		super(status, detail);
	}

	/** LWA refused our client credentials: nothing the caller can fix. */
	static LoginWithAmazonFailed refused(String error) {
		return new LoginWithAmazonFailed(HttpStatus.BAD_GATEWAY,
				"Login with Amazon refused the code exchange (" + error + ")");
	}

	/** LWA could not be reached: worth trying again soon. */
	static LoginWithAmazonFailed unavailable() {
		LoginWithAmazonFailed problem = new LoginWithAmazonFailed(HttpStatus.SERVICE_UNAVAILABLE,
				"Login with Amazon is not available right now; try again shortly");
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
		return problem;
	}

}
