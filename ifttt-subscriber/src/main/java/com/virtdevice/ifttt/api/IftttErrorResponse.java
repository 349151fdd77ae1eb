package com.virtdevice.ifttt.api;

import java.util.List;

/**
 * IFTTT's error body, {@code {"errors": [{"message": "…"}]}} (its OpenAPI
 * {@code ErrorResponse}); IFTTT shows the message to the applet's owner.
 *
 * @param errors what went wrong
 */
record IftttErrorResponse(List<Message> errors) {

	static IftttErrorResponse of(String message) {
		return new IftttErrorResponse(List.of(new Message(message)));
	}

	/**
	 * @param message a human-readable description of the error
	 */
	record Message(String message) {

	}

}
