package com.virtdevice.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.virtdevice.events.BusAccess;
import com.virtdevice.events.BusRole;
import com.virtdevice.events.Channels;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

/**
 * A Redis server for tests, with ACLs on as in production: the tests' own clients use
 * {@link #adminUrl()}, and each service under test connects as the least-privileged user
 * of its role and channel namespace ({@link #urlFor}), created on first request with the
 * rules of {@link BusAccess}.
 */
public abstract class TestRedis {

	private final Map<String, String> users = new ConcurrentHashMap<>();

	/** Users this harness created, to delete them from a server it did not start. */
	private final Set<String> created = ConcurrentHashMap.newKeySet();

	/**
	 * A Redis server someone else runs, reached with a URL that may create ACL users (the
	 * users created through it are deleted when the JVM exits).
	 */
	public static TestRedis at(String adminUrl) {
		return new ExternalRedis(adminUrl);
	}

	public abstract String host();

	public abstract int port();

	/** A URL with every right, for the tests' own clients (publishing forged events…). */
	public abstract String adminUrl();

	/** Persists users created at run time, so that they survive a restart. */
	protected abstract void persistUsers(StatefulRedisConnection<String, String> admin);

	/**
	 * The URL a service of the given role uses on the given namespace: its own ACL user,
	 * created on first request.
	 */
	public String urlFor(BusRole role, Channels channels) {
		return urlFor(userName(role, channels), role, channels);
	}

	/**
	 * The URL one hub service uses on the given namespace: a user of its own (as in
	 * production, one per service), with the rights of its role.
	 */
	public String urlForService(String service, Channels channels) {
		return urlFor(serviceUserName(service, channels), BusRole.ofService(service), channels);
	}

	/** The ACL user name of one service on a namespace. */
	public static String serviceUserName(String service, Channels channels) {
		BusRole.ofService(service);
		return "vd-" + (channels.namespace().isEmpty() ? "hub" : channels.namespace()) + "-" + service;
	}

	private String urlFor(String user, BusRole role, Channels channels) {
		String password = this.users.computeIfAbsent(user, (name) -> {
			String secret = TestSecrets.random();
			setUser(name, secret, BusAccess.rules(role, channels));
			return secret;
		});
		return "redis://" + user + ":" + password + "@" + host() + ":" + port();
	}

	/** The ACL user name of a role on a namespace. */
	public static String userName(BusRole role, Channels channels) {
		String namespace = channels.namespace().isEmpty() ? "hub" : channels.namespace();
		return "vd-" + namespace + "-" + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

	/** Deletes the users this harness created. */
	protected void deleteCreatedUsers() {
		if (this.created.isEmpty()) {
			return;
		}
		try {
			admin((connection) -> {
				for (String user : this.created) {
					acl(connection, "DELUSER", List.of(user));
				}
			});
		}
		catch (RuntimeException ex) {
			// the server may be gone already
		}
	}

	private void setUser(String user, String password, List<String> rules) {
		admin((connection) -> {
			List<String> arguments = new java.util.ArrayList<>(List.of(user, "reset", "on", ">" + password));
			arguments.addAll(rules);
			acl(connection, "SETUSER", arguments);
			persistUsers(connection);
		});
		this.created.add(user);
	}

	/** Runs something on an admin connection. */
	protected void admin(java.util.function.Consumer<StatefulRedisConnection<String, String>> action) {
		RedisClient client = RedisClient.create(RedisURI.create(adminUrl()));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			action.accept(connection);
		}
		finally {
			client.shutdown();
		}
	}

	/** {@code ACL <subcommand> <arguments…>}. */
	protected static String acl(StatefulRedisConnection<String, String> connection, String subcommand,
			List<String> arguments) {
		CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add(subcommand);
		arguments.forEach(args::add);
		return connection.sync().dispatch(CommandType.ACL, new StatusOutput<>(StringCodec.UTF8), args);
	}

}
