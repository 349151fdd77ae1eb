package com.virtdevice.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A {@code redis://[user[:password]@]host[:port][/database]} URL ({@code rediss://} for
 * TLS), as the original design's {@code REDIS_URL} gives it.
 *
 * @param host the host
 * @param port the port (6379 when not given)
 * @param database the database index (0 when not given)
 * @param ssl whether the scheme is {@code rediss}
 * @param username the user, if the URL names one
 * @param password the password, if the URL carries one
 */
record RedisUrl(String host, int port, int database, boolean ssl, @Nullable String username,
		@Nullable String password) {

	static RedisUrl parse(String url) {
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("REDIS_URL is not a URL: " + ex.getReason());
		}
		String scheme = String.valueOf(uri.getScheme());
		if (!scheme.equals("redis") && !scheme.equals("rediss")) {
			throw new IllegalArgumentException("REDIS_URL must start with redis:// or rediss://");
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("REDIS_URL names no host");
		}
		String user = null;
		String password = null;
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			user = decode((colon < 0) ? userInfo : userInfo.substring(0, colon));
			password = (colon < 0) ? null : decode(userInfo.substring(colon + 1));
			if (colon < 0) {
				// redis://secret@host: a password for the default user, as redis-cli
				// reads it
				password = user;
				user = null;
			}
		}
		String path = String.valueOf(uri.getPath());
		int database = (path.length() > 1) ? Integer.parseInt(path.substring(1)) : 0;
		return new RedisUrl(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 6379, database,
				scheme.equals("rediss"), blankToNull(user), blankToNull(password));
	}

	/** The {@code spring.data.redis.*} properties it stands for. */
	Map<String, Object> asProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.host", this.host);
		properties.put("spring.data.redis.port", Integer.toString(this.port));
		properties.put("spring.data.redis.database", Integer.toString(this.database));
		properties.put("spring.data.redis.ssl.enabled", Boolean.toString(this.ssl));
		if (this.username != null) {
			properties.put("spring.data.redis.username", this.username);
		}
		if (this.password != null) {
			properties.put("spring.data.redis.password", this.password);
		}
		return properties;
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isEmpty()) ? null : text;
	}

	@Override
	public String toString() {
		return "RedisUrl[" + (this.ssl ? "rediss" : "redis") + "://"
				+ ((this.username != null) ? this.username + "@" : "") + this.host + ":" + this.port + "/"
				+ this.database + "]";
	}

}
