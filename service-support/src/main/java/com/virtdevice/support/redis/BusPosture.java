package com.virtdevice.support.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.virtdevice.events.BusRole;
import org.jspecify.annotations.Nullable;

/**
 * What this service's Redis user turned out to be allowed, tried at start-up without
 * running anything ({@code MULTI}, the commands, {@code DISCARD}: Redis checks ACLs as a
 * command is queued).
 *
 * @param role what the service needs
 * @param user the Redis user it is connected as ({@code ACL WHOAMI})
 * @param tls whether the connection is TLS
 * @param mayPublish channels of the hub this user may publish on
 * @param mayWritePublisherKeys whether it may write the publisher's keys (its fence)
 * @param mayRunAdmin whether it may run admin commands ({@code CONFIG}, {@code FLUSHALL})
 * @param error why the check could not be made, if it could not
 * @param checkedAt when
 */
public record BusPosture(@Nullable BusRole role, String user, boolean tls, List<String> mayPublish,
		boolean mayWritePublisherKeys, boolean mayRunAdmin, @Nullable String error, Instant checkedAt) {

	/** A posture that could not be checked. */
	static BusPosture unknown(@Nullable BusRole role, boolean tls, String error) {
		return new BusPosture(role, "(unknown)", tls, List.of(), false, false, error, Instant.now());
	}

	/** Whether the check could be made. */
	public boolean known() {
		return this.error == null;
	}

	/**
	 * What this user may do beyond its role: any of it means whoever holds these
	 * credentials (or reaches an open Redis) can forge events, move the publisher's fence
	 * or stop Redis.
	 */
	public List<String> excess() {
		List<String> excess = new ArrayList<>();
		if (this.role == null || !this.role.publishes()) {
			this.mayPublish.forEach((channel) -> excess.add("may PUBLISH on " + channel));
			if (this.mayWritePublisherKeys) {
				excess.add("may write the publisher's keys");
			}
		}
		if (this.mayRunAdmin) {
			excess.add("may run admin commands (CONFIG, FLUSHALL)");
		}
		if ("default".equals(this.user)) {
			excess.add("is Redis' default user");
		}
		return excess;
	}

	/** Known, and the user has more rights than the service needs. */
	public boolean open() {
		return known() && !excess().isEmpty();
	}

	/** {@code least-privilege}, {@code open} or {@code unknown}. */
	public String verdict() {
		return !known() ? "unknown" : open() ? "open" : "least-privilege";
	}

}
