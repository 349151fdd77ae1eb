package com.virtdevice.ifttt.identity;

import java.time.Duration;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The trigger identities IFTTT has polled with ({@code ifttt.trigger_identities}). An
 * identity stays bound to the user who first polled with it: a poll with another user's
 * token never takes it over.
 */
@Repository
public class TriggerIdentities {

	private final JdbcClient jdbc;

	public TriggerIdentities(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Remembers an identity with its fields. A known one is written again only when its
	 * fields changed or it was last touched more than {@code touchInterval} ago, so that
	 * frequent polls do not each cost a write.
	 */
	public void remember(TriggerIdentity identity, Duration touchInterval) {
		this.jdbc.sql("""
				INSERT INTO ifttt.trigger_identities (trigger_identity, user_id, tenant_id, device_id, property)
				VALUES (:identity, :user, :tenant, :device, :property)
				ON CONFLICT (trigger_identity) DO UPDATE
				SET device_id = EXCLUDED.device_id, property = EXCLUDED.property, last_polled_at = now()
				WHERE trigger_identities.user_id = EXCLUDED.user_id
				  AND trigger_identities.tenant_id = EXCLUDED.tenant_id
				  AND (trigger_identities.device_id IS DISTINCT FROM EXCLUDED.device_id
				    OR trigger_identities.property IS DISTINCT FROM EXCLUDED.property
				    OR trigger_identities.last_polled_at < now() - make_interval(secs => :touch))""")
			.param("identity", identity.identity())
			.param("user", identity.userId())
			.param("tenant", identity.tenantId())
			.param("device", identity.deviceId())
			.param("property", identity.property())
			.param("touch", (double) touchInterval.toSeconds())
			.update();
	}

	/** Forgets an identity, whoever it belongs to (IFTTT, with the service key). */
	public boolean forget(String identity) {
		return this.jdbc.sql("DELETE FROM ifttt.trigger_identities WHERE trigger_identity = ?")
			.param(identity)
			.update() > 0;
	}

	/** Forgets an identity of this user. */
	public boolean forget(String identity, String userId, String tenantId) {
		return this.jdbc
			.sql("DELETE FROM ifttt.trigger_identities WHERE trigger_identity = ? AND user_id = ? AND tenant_id = ?")
			.params(identity, userId, tenantId)
			.update() > 0;
	}

	/** The identities of these users: one statement, whatever their number. */
	public List<TriggerIdentity> ofUsers(Collection<IftttUser> users) {
		if (users.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				SELECT i.trigger_identity, i.user_id, i.tenant_id, i.device_id, i.property
				FROM ifttt.trigger_identities i
				JOIN unnest(?::text[], ?::text[]) AS u(tenant_id, user_id)
				  ON i.tenant_id = u.tenant_id AND i.user_id = u.user_id""")
			.params(users.stream().map(IftttUser::tenantId).toArray(String[]::new),
					users.stream().map(IftttUser::userId).toArray(String[]::new))
			.query((rs, row) -> new TriggerIdentity(rs.getString("trigger_identity"), rs.getString("user_id"),
					rs.getString("tenant_id"), rs.getString("device_id"), rs.getString("property")))
			.list();
	}

	/** Forgets identities IFTTT has not polled with since the given time. */
	public int forgetNotPolledSince(Instant cutoff) {
		return this.jdbc.sql("DELETE FROM ifttt.trigger_identities WHERE last_polled_at < ?")
			.param(Timestamp.from(cutoff))
			.update();
	}

}
