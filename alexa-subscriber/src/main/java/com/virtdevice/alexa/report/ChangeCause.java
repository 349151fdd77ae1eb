package com.virtdevice.alexa.report;

import com.virtdevice.events.ChangeSource;

/** {@code payload.change.cause.type}, from who made the change. */
public enum ChangeCause {

	/** The web dashboard. */
	APP_INTERACTION,

	/** An IFTTT applet. */
	RULE_TRIGGER,

	/** The public API, webhooks, SQL: the device itself, as far as Alexa can tell. */
	PHYSICAL_INTERACTION,

	/** An Alexa directive. */
	VOICE_INTERACTION;

	public static ChangeCause of(ChangeSource source) {
		return switch (source) {
			case WEB -> APP_INTERACTION;
			case IFTTT -> RULE_TRIGGER;
			case API -> PHYSICAL_INTERACTION;
			case ALEXA -> VOICE_INTERACTION;
		};
	}

}
