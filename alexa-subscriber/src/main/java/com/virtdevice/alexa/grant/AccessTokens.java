package com.virtdevice.alexa.grant;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out valid Event Gateway tokens. A token within {@code refresh-ahead} of its
 * expiry is renewed first; renewals of one user run once at a time (one shared future in
 * this instance, a row lock across instances) on a small executor of their own, so
 * callers never block a thread waiting for Login with Amazon. {@code invalid_grant}
 * unlinks the user.
 */
public final class AccessTokens {

	private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

	private final Grants grants;

	private final LwaClient lwa;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final ExecutorService refresher;

	private final Duration refreshAhead;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ConcurrentMap<String, CompletableFuture<GatewayCredentials>> refreshing = new ConcurrentHashMap<>();

	private static final long REGION_CACHE_NANOS = Duration.ofSeconds(1).toNanos();

	private static final int MAX_CACHED_REGIONS = 100_000;

	/**
	 * Linked regions by {@code tenant/user}, as read at a time ({@link #linkedRegion}).
	 */
	private final ConcurrentMap<String, CachedRegion> regions = new ConcurrentHashMap<>();

	AccessTokens(Grants grants, LwaClient lwa, TransactionTemplate transactions, ApplicationEventPublisher events,
			ExecutorService refresher, Duration refreshAhead, Clock clock, MeterRegistry meters) {
		this.grants = grants;
		this.lwa = lwa;
		this.transactions = transactions;
		this.events = events;
		this.refresher = refresher;
		this.refreshAhead = refreshAhead;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * The user's region and a token valid for at least a while; fails with
	 * {@link NotLinked} or {@link LwaUnavailable}.
	 */
	public CompletableFuture<GatewayCredentials> current(String userId, String tenantId) {
		Optional<Grant> grant = this.grants.findLinked(userId, tenantId);
		if (grant.isEmpty()) {
			return CompletableFuture.failedFuture(new NotLinked(userId));
		}
		if (grant.get().expiresAt().isAfter(this.clock.instant().plus(this.refreshAhead))) {
			return CompletableFuture.completedFuture(credentials(grant.get()));
		}
		return renew(userId, tenantId, null);
	}

	/**
	 * The region of a linked user; empty if the user is not linked. Asked for every
	 * event, so an answer is kept for {@link #REGION_CACHE_NANOS one second}, and dropped
	 * at once when the user links or unlinks in this instance: another instance's change
	 * (or one made in the database) is seen within a second.
	 */
	public Optional<Region> linkedRegion(String userId, String tenantId) {
		String account = key(tenantId, userId);
		long now = System.nanoTime();
		CachedRegion cached = this.regions.get(account);
		if (cached != null && now - cached.readAt() < REGION_CACHE_NANOS) {
			return cached.region();
		}
		if (this.regions.size() >= MAX_CACHED_REGIONS) {
			this.regions.clear();
		}
		Optional<Region> region = this.grants.linkedRegion(userId, tenantId);
		this.regions.put(account, new CachedRegion(region, now));
		return region;
	}

	/**
	 * The regions of those of the accounts that are linked, as {@link #linkedRegion}
	 * answers for one, with everything not cached read in one statement: asked once per
	 * batch of events.
	 */
	public Map<AccountKey, Region> linkedRegions(Collection<AccountKey> accounts) {
		long now = System.nanoTime();
		Map<AccountKey, Region> linked = new HashMap<>();
		List<AccountKey> unknown = new ArrayList<>();
		for (AccountKey account : accounts) {
			CachedRegion cached = this.regions.get(key(account.tenantId(), account.userId()));
			if (cached != null && now - cached.readAt() < REGION_CACHE_NANOS) {
				cached.region().ifPresent((region) -> linked.put(account, region));
			}
			else {
				unknown.add(account);
			}
		}
		if (unknown.isEmpty()) {
			return linked;
		}
		if (this.regions.size() + unknown.size() >= MAX_CACHED_REGIONS) {
			this.regions.clear();
		}
		Map<AccountKey, Region> read = this.grants.linkedRegions(unknown);
		for (AccountKey account : unknown) {
			Optional<Region> region = Optional.ofNullable(read.get(account));
			this.regions.put(key(account.tenantId(), account.userId()), new CachedRegion(region, now));
			region.ifPresent((found) -> linked.put(account, found));
		}
		return linked;
	}

	private static String key(String tenantId, String userId) {
		return tenantId + "/" + userId;
	}

	@EventListener
	void onLinked(AlexaLinked linked) {
		forgetRegion(linked.userId());
	}

	@EventListener
	void onUnlinked(AlexaUnlinked unlinked) {
		forgetRegion(unlinked.userId());
	}

	private void forgetRegion(String userId) {
		this.regions.keySet().removeIf((account) -> account.endsWith("/" + userId));
	}

	/**
	 * Gives up a user's grant because Amazon refused {@code refusedToken} for good — but
	 * only if that token is still the stored one. A report sent with an older token
	 * (before the user linked again, or before a refresh) says nothing about the grant
	 * stored now. Compare and unlink happen under the grant's row lock, so a link
	 * committed meanwhile is never undone.
	 * @return whether the grant was unlinked; false also when it had been replaced
	 */
	public boolean revokeIfCurrent(String userId, String tenantId, String refusedToken, String reason) {
		Boolean unlinked = this.transactions.execute((status) -> this.grants.lockLinked(userId, tenantId)
			.filter((grant) -> grant.accessToken().equals(refusedToken))
			.map((grant) -> this.grants.unlink(userId, tenantId, reason))
			.orElse(false));
		if (Boolean.TRUE.equals(unlinked)) {
			log.warn("Unlinked Alexa for user {}: {}", userId, reason);
			this.events.publishEvent(new AlexaUnlinked(userId, reason));
			return true;
		}
		return false;
	}

	/** A new token after the gateway refused {@code rejectedToken} with 401. */
	public CompletableFuture<GatewayCredentials> renewAfterRejection(String userId, String tenantId,
			String rejectedToken) {
		return renew(userId, tenantId, rejectedToken);
	}

	private CompletableFuture<GatewayCredentials> renew(String userId, String tenantId, @Nullable String rejected) {
		CompletableFuture<GatewayCredentials> mine = new CompletableFuture<>();
		String account = tenantId + "/" + userId;
		CompletableFuture<GatewayCredentials> running = this.refreshing.putIfAbsent(account, mine);
		if (running != null) {
			return running;
		}
		this.refresher.execute(() -> {
			try {
				mine.complete(refresh(userId, tenantId, rejected));
			}
			catch (RuntimeException ex) {
				mine.completeExceptionally(ex);
			}
			finally {
				this.refreshing.remove(account, mine);
			}
		});
		return mine;
	}

	private GatewayCredentials refresh(String userId, String tenantId, @Nullable String rejected) {
		Outcome outcome = this.transactions.execute((status) -> refreshLocked(userId, tenantId, rejected));
		if (outcome == null || outcome.revoked() != null) {
			String reason = (outcome != null) ? outcome.revoked() : "no grant";
			count("revoked");
			this.events.publishEvent(new AlexaUnlinked(userId, reason));
			throw new NotLinked(userId);
		}
		LwaUnavailable failure = outcome.failure();
		Grant grant = outcome.grant();
		if (failure != null) {
			count("failed");
			if (grant == null || rejected != null) {
				throw failure;
			}
		}
		if (grant == null) {
			throw new NotLinked(userId);
		}
		return credentials(grant);
	}

	private Outcome refreshLocked(String userId, String tenantId, @Nullable String rejected) {
		Optional<Grant> locked = this.grants.lockLinked(userId, tenantId);
		if (locked.isEmpty()) {
			return Outcome.revoked("not linked");
		}
		Grant grant = locked.get();
		boolean fresh = grant.expiresAt().isAfter(this.clock.instant().plus(this.refreshAhead));
		boolean renewedMeanwhile = (rejected != null) ? !rejected.equals(grant.accessToken()) : fresh;
		if (renewedMeanwhile) {
			return Outcome.current(grant);
		}
		try {
			LwaTokens tokens = this.lwa.refresh(grant.refreshToken());
			this.grants.updateTokens(userId, tenantId, tokens);
			count("refreshed");
			log.info("Refreshed the Alexa access token of user {}; it expires at {}", userId, tokens.expiresAt());
			return Outcome.current(grant.with(tokens));
		}
		catch (LwaRejected ex) {
			if (ex.isInvalidGrant()) {
				log.warn("Login with Amazon refused the refresh token of user {} (invalid_grant): unlinking", userId);
				String reason = "Login with Amazon refused the refresh token (invalid_grant)";
				this.grants.unlink(userId, tenantId, reason);
				return Outcome.revoked(reason);
			}
			log.error("Login with Amazon refused to refresh the token of user {} ({}): check the skill's client "
					+ "credentials", userId, ex.error());
			return stillUsable(grant, new LwaUnavailable(ex.getMessage(), ex));
		}
		catch (LwaUnavailable ex) {
			log.warn("Could not refresh the Alexa token of user {}: {}", userId, ex.getMessage());
			return stillUsable(grant, ex);
		}
	}

	/** A failed refresh ahead of expiry still leaves a token that works for now. */
	private Outcome stillUsable(Grant grant, LwaUnavailable failure) {
		if (grant.expiresAt().isAfter(this.clock.instant())) {
			return new Outcome(grant, null, failure);
		}
		return new Outcome(null, null, failure);
	}

	private void count(String outcome) {
		this.meters.counter("virtdevice.alexa.token.refreshes", "outcome", outcome).increment();
	}

	private static GatewayCredentials credentials(Grant grant) {
		return new GatewayCredentials(grant.userId(), grant.region(), grant.accessToken());
	}

	/**
	 * What a refresh came to: a usable grant, a revocation, a failure — or a failure that
	 * still left a grant usable for now.
	 */
	private record Outcome(@Nullable Grant grant, @Nullable String revoked, @Nullable LwaUnavailable failure) {

		static Outcome current(Grant grant) {
			return new Outcome(grant, null, null);
		}

		static Outcome revoked(String reason) {
			return new Outcome(null, reason, null);
		}

	}

	/**
	 * A linked region as read from the grants.
	 *
	 * @param region the region, empty if not linked
	 * @param readAt {@link System#nanoTime()} when read
	 */
	private record CachedRegion(Optional<Region> region, long readAt) {
	}

}
