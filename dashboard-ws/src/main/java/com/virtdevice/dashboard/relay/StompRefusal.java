package com.virtdevice.dashboard.relay;

import java.io.Serial;

import org.springframework.messaging.MessagingException;

/**
 * A client frame the dashboard will not accept; its message is what the client reads in
 * the STOMP ERROR frame, so it says what to do and never anything internal.
 */
class StompRefusal extends MessagingException {

	@Serial
	private static final long serialVersionUID = 1L;

	StompRefusal(String reason) {
		super(reason);
	}

}
