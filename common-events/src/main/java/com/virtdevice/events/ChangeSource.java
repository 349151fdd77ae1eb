package com.virtdevice.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who made a change. Webhooks and SQL run directly on the database report {@link #API}
 * unless told otherwise.
 */
public enum ChangeSource {

	/** An Alexa directive. */
	ALEXA("alexa"),

	/** An IFTTT action. */
	IFTTT("ifttt"),

	/** The web dashboard. */
	WEB("web"),

	/** The public API, inbound webhooks and direct SQL. */
	API("api");

	private final String wireName;

	ChangeSource(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return this.wireName;
	}

	public static Optional<ChangeSource> fromWireName(String wireName) {
		return Arrays.stream(values()).filter((source) -> source.wireName.equals(wireName)).findFirst();
	}

}
