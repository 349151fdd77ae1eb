package com.virtdevice.ifttt.realtime;

import java.util.Map;

import com.virtdevice.ifttt.identity.IftttUser;

/**
 * One entry of a Realtime API request: poll this applet ({@code trigger_identity}) or
 * every applet of this user ({@code user_id}).
 *
 * @param kind which of the two
 * @param value the identity, or the user's IFTTT id ({@link IftttUser#iftttId()})
 */
record Notification(Kind kind, String value) {

	static Notification triggerIdentity(String identity) {
		return new Notification(Kind.TRIGGER_IDENTITY, identity);
	}

	/** All applets of the user, by the id IFTTT knows them by. */
	static Notification user(IftttUser user) {
		return new Notification(Kind.USER_ID, user.iftttId());
	}

	/** The entry as IFTTT expects it, e.g. {@code {"user_id": "u1"}}. */
	Map<String, String> toJson() {
		return Map.of(this.kind.field(), this.value);
	}

	enum Kind {

		TRIGGER_IDENTITY("trigger_identity"), USER_ID("user_id");

		private final String field;

		Kind(String field) {
			this.field = field;
		}

		String field() {
			return this.field;
		}

	}

}
