package com.virtdevice.events;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Redis ACL rules of each {@link BusRole}, derived from the channel names so that the
 * rules and the names cannot drift apart. Least privilege: every user starts from
 * {@code resetchannels resetkeys -@all} and gets only the commands, channels and keys its
 * role needs, plus what any connection needs (the handshake, {@code PING}, {@code INFO}
 * for Spring Boot's Redis health, {@code ACL WHOAMI}, and {@code MULTI}/{@code DISCARD}
 * for the start-up check that tries a command without running it).
 * <p>
 * {@code PSUBSCRIBE} patterns are matched literally against the user's channel patterns,
 * so a subscriber's rules name exactly the patterns it subscribes to.
 */
public final class BusAccess {

	/** Commands every hub connection needs. */
	private static final List<String> CONNECTION = List.of("+hello", "+auth", "+client|setname", "+ping", "+info",
			"+acl|whoami", "+multi", "+discard");

	private static final List<String> SUBSCRIBING = List.of("+subscribe", "+psubscribe", "+unsubscribe",
			"+punsubscribe");

	/** The publisher's script reads and moves its fence key and publishes. */
	private static final List<String> PUBLISHING = List.of("+publish", "+eval", "+evalsha", "+get", "+set");

	/** What a Redis ACL user name and password may be made of here. */
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:@+=/-]{1,128}");

	private BusAccess() {
	}

	/** The ACL rules ({@code ACL SETUSER} arguments after the name) of a role. */
	public static List<String> rules(BusRole role, Channels channels) {
		List<String> rules = new ArrayList<>(List.of("resetchannels", "resetkeys", "-@all"));
		rules.addAll(CONNECTION);
		switch (role) {
			case PUBLISHER -> {
				rules.add("&" + channels.deviceStatePattern());
				rules.add("&" + channels.userEventsPattern());
				rules.add("&" + channels.globalEvents());
				rules.add("~" + channels.publisherKeyPattern());
				rules.addAll(PUBLISHING);
			}
			case DEVICE_SUBSCRIBER -> {
				rules.add("&" + channels.deviceStatePattern());
				rules.add("&" + channels.globalEvents());
				rules.addAll(SUBSCRIBING);
			}
			case USER_SUBSCRIBER -> {
				rules.add("&" + channels.userEventsPattern());
				rules.addAll(SUBSCRIBING);
			}
		}
		return List.copyOf(rules);
	}

	/**
	 * The channel patterns a role subscribes to (for {@code PSUBSCRIBE}) or publishes on,
	 * as its rules grant them.
	 */
	public static List<String> channelPatterns(BusRole role, Channels channels) {
		return rules(role, channels).stream()
			.filter((rule) -> rule.startsWith("&"))
			.map((rule) -> rule.substring(1))
			.toList();
	}

	/**
	 * A line of a Redis ACL file: the user, enabled, with its password and its role's
	 * rules.
	 */
	public static String aclFileLine(String user, String password, BusRole role, Channels channels) {
		StringBuilder line = new StringBuilder("user ").append(requireToken("user name", user))
			.append(" on >")
			.append(requireToken("password", password));
		rules(role, channels).forEach((rule) -> line.append(' ').append(rule));
		return line.toString();
	}

	/** The ACL file line that switches Redis' {@code default} user off. */
	public static String defaultUserOff() {
		return "user default off resetchannels resetkeys -@all";
	}

	private static String requireToken(String what, String value) {
		if (!TOKEN.matcher(value).matches()) {
			throw new IllegalArgumentException(
					"A Redis ACL " + what + " must be 1-128 characters of letters, digits and _.:@+=/-");
		}
		return value;
	}

}
