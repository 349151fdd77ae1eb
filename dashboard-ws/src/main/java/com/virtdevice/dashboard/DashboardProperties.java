package com.virtdevice.dashboard;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the dashboard relays events and serves its page ({@code virtdevice.dashboard.*}).
 *
 * @param publisherBrowserUrl the event-publisher's base URL as the browser sees it; the
 * page calls its device API there (the publisher must allow this service's origin in
 * {@code virtdevice.web.cors-allowed-origins})
 * @param allowedOrigins browser origins (patterns) allowed to open the WebSocket; empty
 * for the page's own origin only. Clients that send no {@code Origin} are not affected.
 * @param sendTimeLimit longest a send to one browser may take before that session is
 * closed as too slow (it can reconnect and resume)
 * @param sendBufferSizeLimit most bytes queued for one browser before that session is
 * closed as too slow
 * @param inboundMessageSizeLimit largest frame accepted from a browser
 * @param heartbeat STOMP heart-beat interval, both ways
 * @param replayPageSize events per replay API request while resuming a subscription
 * @param replayThreads resumes that may read the replay API at the same time
 * @param replayQueueCapacity resumes that may wait for a replay thread; beyond this a
 * resuming subscription is refused with an ERROR (the browser retries)
 * @param maxBufferedDuringReplay live events kept per resuming subscription; when more
 * arrive, the resume reads them from the replay API instead
 * @param outboundThreads threads writing frames to browsers; a slow browser may hold one
 * for up to {@code send-time-limit}
 * @param inboundFrameBurst frames a connection may send at once; beyond that (and the
 * rate below) it is refused with an ERROR frame and closed
 * @param inboundFramesPerSecond frames a connection may send per second, sustained
 * @param maxSubscriptionsPerSession subscriptions one connection may hold at once
 */
@ConfigurationProperties("virtdevice.dashboard")
@Validated
public record DashboardProperties(@DefaultValue("http://localhost:8081") @NotNull URI publisherBrowserUrl,
		@DefaultValue List<String> allowedOrigins, @DefaultValue("10s") Duration sendTimeLimit,
		@DefaultValue("512KB") DataSize sendBufferSizeLimit, @DefaultValue("16KB") DataSize inboundMessageSizeLimit,
		@DefaultValue("10s") Duration heartbeat, @DefaultValue("500") @Min(1) @Max(1000) int replayPageSize,
		@DefaultValue("4") @Min(1) int replayThreads, @DefaultValue("1000") @Min(0) int replayQueueCapacity,
		@DefaultValue("1000") @Min(0) int maxBufferedDuringReplay, @DefaultValue("16") @Min(1) int outboundThreads,
		@DefaultValue("100") @Min(1) int inboundFrameBurst, @DefaultValue("20") @Min(1) int inboundFramesPerSecond,
		@DefaultValue("16") @Min(1) int maxSubscriptionsPerSession) {

}
