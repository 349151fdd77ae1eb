package com.virtdevice.alexa.grant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

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
			select user_id, tenant_id, region, access_token, refresh_token, key_id, access_token_expires_at, token_binding
			from grants where user_id = :userId and tenant_id = :tenantId and linked""";

	/**
	 * {@code token_binding}: the ciphertexts are bound to the user id alone (before V3).
	 */
	static final int BOUND_TO_USER = 1;

	/** {@code token_binding}: the ciphertexts are bound to the tenant and the user. */
	static final int BOUND_TO_TENANT_AND_USER = 2;

	private final JdbcClient jdbc;

	private final TokenCipher cipher;

	private final Clock clock;

	private final AtomicLong unreadableHere = new AtomicLong();

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
					insert into grants (user_id, tenant_id, region, linked, access_token, refresh_token, key_id, token_binding,
					                    access_token_expires_at, linked_at, refreshed_at, unlinked_at, unlink_reason)
					values (:userId, :tenantId, :region, true, :access, :refresh, :keyId, :binding, :expiresAt, :now,
					        null, null, null)
					on conflict (user_id, tenant_id) do update set region = excluded.region,
					    linked = true, access_token = excluded.access_token, refresh_token = excluded.refresh_token,
					    key_id = excluded.key_id, token_binding = excluded.token_binding,
					    access_token_expires_at = excluded.access_token_expires_at,
					    linked_at = excluded.linked_at, refreshed_at = null, unlinked_at = null, unlink_reason = null""")
			.param("userId", userId)
			.param("tenantId", tenantId)
			.param("region", region.name())
			.param("access", this.cipher.encrypt(tokens.accessToken(), tenantId, userId))
			.param("refresh", this.cipher.encrypt(tokens.refreshToken(), tenantId, userId))
			.param("keyId", this.cipher.keyId())
			.param("binding", BOUND_TO_TENANT_AND_USER)
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

	/**
	 * The regions of those of the accounts that are linked, without decrypting anything:
	 * one statement, whatever their number.
	 */
	Map<AccountKey, Region> linkedRegions(Collection<AccountKey> accounts) {
		Map<AccountKey, Region> regions = new HashMap<>();
		if (accounts.isEmpty()) {
			return regions;
		}
		this.jdbc.sql("""
				select g.tenant_id, g.user_id, g.region from grants g
				join unnest(?::text[], ?::text[]) as a(tenant_id, user_id)
				  on g.tenant_id = a.tenant_id and g.user_id = a.user_id
				where g.linked""")
			.params(accounts.stream().map(AccountKey::tenantId).toArray(String[]::new),
					accounts.stream().map(AccountKey::userId).toArray(String[]::new))
			.query((rs) -> {
				regions.put(new AccountKey(rs.getString(1), rs.getString(2)), Region.valueOf(rs.getString(3)));
			});
		return regions;
	}

	void updateTokens(String userId, String tenantId, LwaTokens tokens) {
		this.jdbc.sql("""
				update grants set access_token = :access, refresh_token = :refresh, key_id = :keyId,
				    token_binding = :binding, access_token_expires_at = :expiresAt, refreshed_at = :now
				where user_id = :userId and tenant_id = :tenantId and linked""")
			.param("userId", userId)
			.param("tenantId", tenantId)
			.param("access", this.cipher.encrypt(tokens.accessToken(), tenantId, userId))
			.param("refresh", this.cipher.encrypt(tokens.refreshToken(), tenantId, userId))
			.param("keyId", this.cipher.keyId())
			.param("binding", BOUND_TO_TENANT_AND_USER)
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
		catch (WrittenElsewhere ex) {
			// What another instance wrote with another key (or an older version's
			// binding):
			// this instance cannot read it, which says nothing about the grant. Never
			// unlink it; health shows DOWN (GrantKeysHealthIndicator).
			this.unreadableHere.incrementAndGet();
			log.error(
					"The Alexa tokens of user {} in tenant {} cannot be read by this instance ({}; stored with key {}, "
							+ "configured key {}); not reporting for them and NOT unlinking. Give every instance the same "
							+ "virtdevice.alexa.token-encryption-key.",
					userId, tenantId, ex.getMessage(), stored.get().keyId(), this.cipher.keyId());
			return Optional.empty();
		}
		catch (UnreadableToken ex) {
			// Written with this very key, yet it does not decrypt for this row: the
			// ciphertext was altered or moved from another user's row. It is no grant.
			log.warn(
					"The Alexa tokens of user {} cannot be read ({}; stored with key {}, the configured key); "
							+ "unlinking: the user must link Alexa again",
					userId, ex.getMessage(), stored.get().keyId());
			unlink(userId, tenantId, "stored tokens unreadable with the configured encryption key");
			return Optional.empty();
		}
	}

	/**
	 * Refuses to go on when linked grants were encrypted with another key than the
	 * configured one: an instance started without its peers' key must not run (it could
	 * read none of their grants). Nothing is changed.
	 * @throws IllegalStateException naming the setting, if there are such grants
	 */
	void refuseGrantsOfAnotherKey() {
		List<String> others = keysOfOtherGrants();
		if (!others.isEmpty()) {
			throw new IllegalStateException(linkedWithOtherKeys() + " linked Alexa grant(s) are encrypted with key(s) "
					+ others + ", but virtdevice.alexa.token-encryption-key (VIRTDEVICE_ALEXA_TOKEN_ENCRYPTION_KEY) "
					+ "here has key id " + this.cipher.keyId() + ". Start this instance with the key the other "
					+ "instances use. Nothing was changed.");
		}
	}

	/** How many linked grants are encrypted with another key than the configured one. */
	long linkedWithOtherKeys() {
		return this.jdbc.sql("select count(*) from grants where linked and key_id is distinct from :keyId")
			.param("keyId", this.cipher.keyId())
			.query(Long.class)
			.single();
	}

	private List<String> keysOfOtherGrants() {
		return this.jdbc.sql(
				"select distinct coalesce(key_id, '(none)') from grants where linked and key_id is distinct from :keyId")
			.param("keyId", this.cipher.keyId())
			.query(String.class)
			.list();
	}

	/** Reads since start-up of grants this instance could not decrypt and left alone. */
	long unreadableHere() {
		return this.unreadableHere.get();
	}

	/** The configured key's id. */
	String keyId() {
		return this.cipher.keyId();
	}

	private Grant decrypt(Stored stored) {
		if (!this.cipher.keyId().equals(stored.keyId())) {
			throw new WrittenElsewhere("encrypted with another key");
		}
		if (stored.binding() != BOUND_TO_TENANT_AND_USER) {
			throw new WrittenElsewhere("bound to the user id alone, written by an older version");
		}
		return new Grant(stored.userId(), stored.tenantId(), stored.region(),
				this.cipher.decrypt(stored.accessToken(), stored.tenantId(), stored.userId()),
				this.cipher.decrypt(stored.refreshToken(), stored.tenantId(), stored.userId()), stored.expiresAt());
	}

	/**
	 * Encrypts the tokens of grants stored before the tenant was bound in again, for
	 * their tenant and user: they decrypt with the user id alone once more, never after.
	 * Rows of another key are left as they are (start-up refuses them, see
	 * {@link #refuseGrantsOfAnotherKey}). Each row is replaced only if it is still the
	 * one read, so a link or refresh committed meanwhile stays.
	 * @return how many grants were re-encrypted
	 */
	int rebindUserOnlyTokens() {
		List<Stored> legacy = this.jdbc
			.sql("""
					select user_id, tenant_id, region, access_token, refresh_token, key_id, access_token_expires_at, token_binding
					from grants where linked and token_binding = :binding""")
			.param("binding", BOUND_TO_USER)
			.query(Grants::stored)
			.list();
		int rebound = 0;
		for (Stored stored : legacy) {
			String access;
			String refresh;
			try {
				if (!this.cipher.keyId().equals(stored.keyId())) {
					throw new UnreadableToken("encrypted with another key");
				}
				access = this.cipher.decryptBoundToUserOnly(stored.accessToken(), stored.userId());
				refresh = this.cipher.decryptBoundToUserOnly(stored.refreshToken(), stored.userId());
			}
			catch (UnreadableToken ex) {
				log.warn("Cannot re-encrypt the Alexa tokens of user {} in tenant {} for their tenant: {}",
						stored.userId(), stored.tenantId(), ex.getMessage());
				continue;
			}
			rebound += this.jdbc.sql("""
					update grants set access_token = :access, refresh_token = :refresh, token_binding = :binding
					where user_id = :userId and tenant_id = :tenantId and linked and token_binding = :legacy
					  and access_token = :stored""")
				.param("access", this.cipher.encrypt(access, stored.tenantId(), stored.userId()))
				.param("refresh", this.cipher.encrypt(refresh, stored.tenantId(), stored.userId()))
				.param("binding", BOUND_TO_TENANT_AND_USER)
				.param("userId", stored.userId())
				.param("tenantId", stored.tenantId())
				.param("legacy", BOUND_TO_USER)
				.param("stored", stored.accessToken())
				.update();
		}
		return rebound;
	}

	private static Stored stored(ResultSet rs, int row) throws SQLException {
		return new Stored(rs.getString("user_id"), rs.getString("tenant_id"), Region.valueOf(rs.getString("region")),
				rs.getBytes("access_token"), rs.getBytes("refresh_token"), rs.getString("key_id"),
				rs.getTimestamp("access_token_expires_at").toInstant(), rs.getInt("token_binding"));
	}

	private record Stored(String userId, String tenantId, Region region, byte[] accessToken, byte[] refreshToken,
			String keyId, Instant expiresAt, int binding) {

	}

	/** Tokens another instance wrote in a way this one cannot read. */
	private static final class WrittenElsewhere extends RuntimeException {

		WrittenElsewhere(String message) {
			super(message);
		}

	}

}
