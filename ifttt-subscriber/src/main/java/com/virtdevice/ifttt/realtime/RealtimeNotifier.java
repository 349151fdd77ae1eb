package com.virtdevice.ifttt.realtime;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.virtdevice.events.ChangeSource;
import com.virtdevice.events.DeviceStateEvent;
import com.virtdevice.ifttt.IftttProperties;
import com.virtdevice.ifttt.history.StoredChangesListener;
import com.virtdevice.ifttt.identity.IftttUser;
import com.virtdevice.ifttt.identity.TriggerIdentities;
import com.virtdevice.ifttt.identity.TriggerIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Tells IFTTT's Realtime API about changes once they are in the history: by the trigger
 * identities whose fields match each change, or by its user when none is known. Runs on
 * its own threads ({@code ifttt-realtime-*}): the history writer only hands changes over.
 */
@Component
public class RealtimeNotifier implements StoredChangesListener, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RealtimeNotifier.class);

	private final boolean enabled;

	private final boolean notifyIftttChanges;

	private final TriggerIdentities identities;

	private final ScheduledThreadPoolExecutor scheduler;

	private final NotificationBatcher batcher;

	private final RealtimeDelivery delivery;

	private final RealtimeMetrics metrics;

	private volatile boolean running;

	RealtimeNotifier(IftttProperties properties, TriggerIdentities identities, RestClient.Builder restClients,
			JsonMapper json, MeterRegistry registry) {
		IftttProperties.Realtime realtime = properties.realtime();
		this.enabled = realtime.enabled() && properties.hasServiceKey();
		this.notifyIftttChanges = realtime.notifyIftttChanges();
		this.identities = identities;
		this.scheduler = new ScheduledThreadPoolExecutor(2, new NamedThreads("ifttt-realtime-"));
		this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.metrics = new RealtimeMetrics(registry, this::pending, this::waitingRetries);
		this.delivery = new RealtimeDelivery(client(properties, restClients), this.scheduler,
				new Backoff(realtime.initialBackoff(), realtime.maxBackoff()), realtime.maxAttempts(),
				realtime.maxPendingBatches(), json, this.metrics);
		this.batcher = new NotificationBatcher(this.scheduler, realtime.window(), realtime.maxBatchSize(),
				this.delivery::send);
		if (!this.enabled) {
			log.warn("IFTTT Realtime notifications are off ({}): IFTTT sees new events only when it polls",
					properties.hasServiceKey() ? "virtdevice.ifttt.realtime.enabled=false"
							: "no virtdevice.ifttt.service-key");
		}
	}

	private static RealtimeClient client(IftttProperties properties, RestClient.Builder restClients) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.realtime().connectTimeout()).build());
		requests.setReadTimeout(properties.realtime().requestTimeout());
		RestClient http = restClients.requestFactory(requests).build();
		return new RealtimeClient(http, properties.realtimeUrl(), String.valueOf(properties.serviceKey()));
	}

	@Override
	public void stored(List<DeviceStateEvent> changes) {
		if (!this.enabled) {
			return;
		}
		List<DeviceStateEvent> notifying = changes.stream()
			.filter((change) -> this.notifyIftttChanges || change.source() != ChangeSource.IFTTT)
			.toList();
		if (!notifying.isEmpty()) {
			this.batcher.add(Notifications.forChanges(notifying, identitiesOf(notifying)));
		}
	}

	/**
	 * The identities of the changes' users; none if they cannot be read now, which only
	 * makes IFTTT poll all of those users' applets.
	 */
	private List<TriggerIdentity> identitiesOf(List<DeviceStateEvent> changes) {
		Set<IftttUser> users = changes.stream().map(Notifications::ownerOf).collect(Collectors.toSet());
		try {
			return this.identities.ofUsers(users);
		}
		catch (DataAccessException ex) {
			log.warn("Cannot read trigger identities; notifying {} user(s) by user_id: {}", users.size(),
					ex.getMessage());
			return List.of();
		}
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	/** Notifications waiting for their batch window. */
	public int pending() {
		return this.batcher.pending();
	}

	/** Batches waiting for a retry. */
	public int waitingRetries() {
		return this.delivery.waiting();
	}

	public int consecutiveFailures() {
		return this.metrics.consecutiveFailures();
	}

	public @Nullable Instant lastDelivered() {
		return this.metrics.lastDelivered();
	}

	public @Nullable String lastFailure() {
		return this.metrics.lastFailure();
	}

	@Override
	public void start() {
		this.running = true;
	}

	/** Sends what is still collected, then stops; retries still waiting are dropped. */
	@Override
	public void stop() {
		this.running = false;
		this.scheduler.execute(this.batcher::flush);
		this.scheduler.shutdown();
		try {
			if (!this.scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
				this.scheduler.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.scheduler.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops after the history writer, which hands it the last changes. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 400;
	}

}
