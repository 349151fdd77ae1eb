package com.virtdevice.events;

/** Shortens untrusted text before it goes into an error message or a log line. */
final class Texts {

	private static final int MAX = 80;

	private Texts() {
	}

	static String abbreviate(String text) {
		String shown = (text.length() <= MAX) ? text : text.substring(0, MAX) + "…(" + text.length() + " chars)";
		return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
	}

}
