package com.virtdevice.events;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Redis Pub/Sub channel names of docs/contract.md §3, in one place:
 * {@code device:{id}:state}, {@code user:{id}:events}, {@code global:events} and the
 * patterns subscribers use.
 * <p>
 * {@link #standard()} gives exactly the SPEC names. A namespace ({@link #namespaced})
 * puts a prefix in front of every name so that two hubs, or two test runs, can share one
 * Redis server without hearing each other: Pub/Sub ignores Redis database numbers.
 */
public final class Channels {

	/** What {@link #isChannelSafe} accepts, in words for error messages. */
	static final String CHANNEL_SAFE_RULE = "1-128 characters without ':', '*', '?', '[', ']', '\\', whitespace or control characters";

	private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final Channels STANDARD = new Channels("");

	private final String prefix;

	private Channels(String prefix) {
		this.prefix = prefix;
	}

	/** The SPEC channel names, without a namespace. */
	public static Channels standard() {
		return STANDARD;
	}

	/**
	 * Channel names under a namespace: {@code ns:device:{id}:state} and so on. A blank
	 * namespace gives {@link #standard()}.
	 * @param namespace letters, digits, {@code _ . -}; at most 64 characters
	 */
	public static Channels namespaced(String namespace) {
		if (namespace.isBlank()) {
			return STANDARD;
		}
		if (!NAMESPACE.matcher(namespace).matches()) {
			throw new IllegalArgumentException("Channel namespace " + Texts.abbreviate(namespace)
					+ " must be 1-64 characters of letters, digits, '_', '.' or '-'");
		}
		return new Channels(namespace + ":");
	}

	/** The namespace, or an empty string for the SPEC names. */
	public String namespace() {
		return this.prefix.isEmpty() ? "" : this.prefix.substring(0, this.prefix.length() - 1);
	}

	/** {@code device:{deviceId}:state}: every {@code property_changed} of that device. */
	public String deviceState(String deviceId) {
		return this.prefix + "device:" + requireChannelSafe("deviceId", deviceId) + ":state";
	}

	/** {@code user:{userId}:events}: every event concerning that user's devices. */
	public String userEvents(String userId) {
		return this.prefix + "user:" + requireChannelSafe("userId", userId) + ":events";
	}

	/** {@code global:events}: {@code device_created} and {@code device_deleted}. */
	public String globalEvents() {
		return this.prefix + "global:events";
	}

	/** {@code device:*:state}, for a pattern subscription to all devices. */
	public String deviceStatePattern() {
		return this.prefix + "device:*:state";
	}

	/** {@code user:*:events}, for a pattern subscription to all users. */
	public String userEventsPattern() {
		return this.prefix + "user:*:events";
	}

	/**
	 * {@code virtdevice:publisher:{name}}: a key of the publisher's own (its publish
	 * fence). Only the publisher's Redis user may touch these keys.
	 */
	public String publisherKey(String name) {
		return this.prefix + "virtdevice:publisher:" + requireChannelSafe("key name", name);
	}

	/**
	 * {@code virtdevice:publisher:*}: every key of the publisher's, for its ACL rules.
	 */
	public String publisherKeyPattern() {
		return this.prefix + "virtdevice:publisher:*";
	}

	/** The channels an event is published on, in publication order. */
	public List<String> channelsFor(DeviceStateEvent event) {
		if (event.type().isLifecycle()) {
			return List.of(userEvents(event.userId()), globalEvents());
		}
		return List.of(deviceState(event.deviceId()), userEvents(event.userId()));
	}

	/** The device id of a {@code device:{id}:state} channel of this namespace. */
	public Optional<String> deviceIdOf(String channel) {
		return idBetween(channel, "device:", ":state");
	}

	/** The user id of a {@code user:{id}:events} channel of this namespace. */
	public Optional<String> userIdOf(String channel) {
		return idBetween(channel, "user:", ":events");
	}

	private Optional<String> idBetween(String channel, String head, String tail) {
		String start = this.prefix + head;
		if (!channel.startsWith(start) || !channel.endsWith(tail)
				|| channel.length() <= start.length() + tail.length()) {
			return Optional.empty();
		}
		String id = channel.substring(start.length(), channel.length() - tail.length());
		return isChannelSafe(id) ? Optional.of(id) : Optional.empty();
	}

	/**
	 * Whether an id can be part of a channel name: 1-128 characters, none of them a Redis
	 * glob character ({@code * ? [ ] \}), a colon, whitespace or a control character.
	 */
	public static boolean isChannelSafe(String id) {
		if (id.isEmpty() || EventLimits.length(id) > EventLimits.MAX_ID_LENGTH) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			if (c == ':' || c == '*' || c == '?' || c == '[' || c == ']' || c == '\\' || Character.isWhitespace(c)
					|| Character.isISOControl(c) || Character.isSpaceChar(c)) {
				return false;
			}
		}
		return true;
	}

	private static String requireChannelSafe(String what, String id) {
		if (!isChannelSafe(id)) {
			throw new IllegalArgumentException(what + " " + Texts.abbreviate(id)
					+ " cannot be part of a channel name: it must be " + CHANNEL_SAFE_RULE);
		}
		return id;
	}

	@Override
	public String toString() {
		return this.prefix.isEmpty() ? "Channels[standard]" : "Channels[namespace=" + namespace() + "]";
	}

}
