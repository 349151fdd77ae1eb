package com.virtdevice.events;

import java.util.regex.Pattern;

/**
 * The limits every event obeys (docs/contract.md §3, §4.2). The publisher's input
 * validation, its database constraints and the codec all use these, so a value accepted
 * at the edge is never rejected by a subscriber.
 * <p>
 * A length is a number of Unicode code points ({@link #length(String)}), as PostgreSQL's
 * {@code char_length} and its regular expressions count: 😀 is one character, not the two
 * UTF-16 units {@link String#length()} counts. Counting the same way as the database is
 * what makes every committed value publishable.
 */
public final class EventLimits {

	/** Property names: a letter, then up to 63 letters, digits or {@code _ . : -}. */
	public static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,63}");

	/** Longest property value, in characters (code points). */
	public static final int MAX_VALUE_LENGTH = 1024;

	/** Longest device, user or tenant id, in characters (code points). */
	public static final int MAX_ID_LENGTH = 128;

	/**
	 * Largest encoded event, in bytes. A maximal valid event (two 1024-character values
	 * of characters that JSON escapes as six bytes each, plus ids) stays below it.
	 */
	public static final int MAX_MESSAGE_BYTES = 32 * 1024;

	private EventLimits() {
	}

	public static boolean isValidPropertyName(String name) {
		return PROPERTY_NAME.matcher(name).matches();
	}

	public static boolean isValidValue(String value) {
		return length(value) <= MAX_VALUE_LENGTH;
	}

	/** The length of a text in characters: Unicode code points, as PostgreSQL counts. */
	public static int length(String text) {
		return text.codePointCount(0, text.length());
	}

}
