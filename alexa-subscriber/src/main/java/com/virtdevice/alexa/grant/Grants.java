package com.virtdevice.alexa.grant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.virtdevice.alexa.grant.TokenCipher.UnreadableToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code alexa.grants} table. Tokens go in encrypted and come out decrypted; a row
 * whose tokens no longer decrypt (the key changed) counts as unlinked.
 */
final class Grants {

	private static final Logger log = LoggerFactory.getLogger(Grants.class);

	private static final String SELECT_LINKED = """
			select user_id, tenant_id, region, access_token, refresh_token, key_id, access_token_expires_at
			from grants where user_id = :userId and tenant_id = :tenantId and linked""";

	private final JdbcClient jdbc;

	private final TokenCipher cipher;

	private final Clock clock;

	Grants(JdbcClient jdbc, TokenCipher cipher, Clock clock) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.clock = clock;
	}

	/**
	 * Stores a new grant, replacing any earlier one of the user in that tenant. A user id
	 * is unique only within a tenant: each (user, tenant) has its own grant.
	 */
	void link(String userId, String tenantId, Region region, LwaTokens tokens) {
		this.jdbc
			.sql("""
					insert into grants (user_id, tenant_id, region, linked, access_token, refresh_token, key_id,
					                    access_token_expires_at, linked_at, refreshed_at, unlinked_at, unlink_reason)
					values (:userId, :tenantId, :region, true, :access, :refresh, :keyId, :expiresAt, :now, null, null, null)
					on conflict (user_id, tenant_id) do update set region = excluded.region,
					    linked = true, access_token = excluded.access_token, refresh_token = excluded.refresh_token,
					    key_id = excluded.key_id, access_token_expires_at = excluded.access_token_expires_at,
					    linked_at = excluded.linked_at, refreshed_at = null, unlinked_at = null, unlink_reason = null""")
			.param("userId", userId)
			.param("tenantId", tenantId)
			.param("region", region.name())
			.param("access", this.cipher.encrypt(tokens.accessToken(), userId))
			.param("refresh", this.cipher.encrypt(tokens.refreshToken(), userId))
			.param("keyId", this.cipher.keyId())
			.param("expiresAt", Timestamp.from(tokens.expiresAt()))
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	/** The user's linked grant, if any. */
	Optional<Grant> findLinked(String userId, String tenantId) {
		return read(userId, tenantId, SELECT_LINKED);
	}

	/**
	 * The user's linked grant, its row locked until the transaction ends: refreshes of
	 * one user run one at a time, across instances too.
	 */
	Optional<Grant> lockLinked(String userId, String tenantId) {
		return read(userId, tenantId, SELECT_LINKED + " for update");
	}

	/** The region of a linked user, without decrypting anything. */
	Optional<Region> linkedRegion(String userId, String tenantId) {
		return this.jdbc.sql("select region from grants where user_id = :userId and tenant_id = :tenantId and linked")
			.param("userId", userId)
			.param("tenantId", tenantId)
			.query((rs, row) -> Region.valueOf(rs.getString(1)))
			.optional();
	}

	void updateTokens(String userId, String tenantId, LwaTokens tokens) {
		this.jdbc.sql("""
				update grants set access_token = :access, refresh_token = :refresh, key_id = :keyId,
				    access_token_expires_at = :expiresAt, refreshed_at = :now
				where user_id = :userId and tenant_id = :tenantId and linked""")
			.param("userId", userId)
			.param("tenantId", tenantId)
			.param("access", this.cipher.encrypt(tokens.accessToken(), userId))
			.param("refresh", this.cipher.encrypt(tokens.refreshToken(), userId))
			.param("keyId", this.cipher.keyId())
			.param("expiresAt", Timestamp.from(tokens.expiresAt()))
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	/** Wipes the tokens and records why; true if the user was linked. */
	boolean unlink(String userId, String tenantId, String reason) {
		return this.jdbc.sql("""
				update grants set linked = false, access_token = null, refresh_token = null, key_id = null,
				    access_token_expires_at = null, unlinked_at = :now, unlink_reason = :reason
				where user_id = :userId and tenant_id = :tenantId and linked""")
			.param("userId", userId)
			.param("tenantId", tenantId)
			.param("reason", reason)
			.param("now", Timestamp.from(this.clock.instant()))
			.update() > 0;
	}

	private Optional<Grant> read(String userId, String tenantId, String sql) {
		Optional<Stored> stored = this.jdbc.sql(sql)
			.param("userId", userId)
			.param("tenantId", tenantId)
			.query(Grants::stored)
			.optional();
		if (stored.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(decrypt(stored.get()));
		}
		catch (UnreadableToken ex) {
			log.warn(
					"The Alexa tokens of user {} cannot be read ({}; stored with key {}, configured key {}); "
							+ "unlinking: the user must link Alexa again",
					userId, ex.getMessage(), stored.get().keyId(), this.cipher.keyId());
			unlink(userId, tenantId, "stored tokens unreadable with the configured encryption key");
			return Optional.empty();
		}
	}

	private Grant decrypt(Stored stored) {
		if (!this.cipher.keyId().equals(stored.keyId())) {
			throw new UnreadableToken("encrypted with another key");
		}
		return new Grant(stored.userId(), stored.tenantId(), stored.region(),
				this.cipher.decrypt(stored.accessToken(), stored.userId()),
				this.cipher.decrypt(stored.refreshToken(), stored.userId()), stored.expiresAt());
	}

	private static Stored stored(ResultSet rs, int row) throws SQLException {
		return new Stored(rs.getString("user_id"), rs.getString("tenant_id"), Region.valueOf(rs.getString("region")),
				rs.getBytes("access_token"), rs.getBytes("refresh_token"), rs.getString("key_id"),
				rs.getTimestamp("access_token_expires_at").toInstant());
	}

	private record Stored(String userId, String tenantId, Region region, byte[] accessToken, byte[] refreshToken,
			String keyId, Instant expiresAt) {

	}

}
