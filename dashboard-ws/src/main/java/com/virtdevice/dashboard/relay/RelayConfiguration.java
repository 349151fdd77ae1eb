package com.virtdevice.dashboard.relay;

import java.time.Clock;
import java.time.Duration;

import com.virtdevice.dashboard.DashboardProperties;
import com.virtdevice.events.EventCodec;
import com.virtdevice.support.events.ReplayClient;
import com.virtdevice.support.web.ProblemResponses;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The relay's beans: the subscription registry, the one event listener, resumes. */
@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

	/** How often sessions are checked for an expired token. */
	static final Duration EXPIRY_CHECK_INTERVAL = Duration.ofSeconds(15);

	/** Heart-beats and token-expiry checks. */
	@Bean
	ThreadPoolTaskScheduler dashboardScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("dashboard-scheduler-");
		return scheduler;
	}

	@Bean
	ThreadPoolTaskExecutor dashboardReplayExecutor(DashboardProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(properties.replayThreads());
		executor.setMaxPoolSize(properties.replayThreads());
		executor.setQueueCapacity(properties.replayQueueCapacity());
		executor.setThreadNamePrefix("dashboard-replay-");
		return executor;
	}

	@Bean
	DeviceUpdateSubscriptions deviceUpdateSubscriptions(
			@Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel, SendBacklogs backlogs,
			MeterRegistry meters) {
		DeviceUpdateSubscriptions subscriptions = new DeviceUpdateSubscriptions(clientOutboundChannel, backlogs);
		Gauge.builder("virtdevice.dashboard.sessions", subscriptions, DeviceUpdateSubscriptions::sessionCount)
			.description("STOMP sessions with a device-update subscription")
			.register(meters);
		Gauge.builder("virtdevice.dashboard.subscriptions", subscriptions, DeviceUpdateSubscriptions::subscriptionCount)
			.description("Device-update subscriptions")
			.register(meters);
		return subscriptions;
	}

	@Bean
	ResumeReplays resumeReplays(ReplayClient replay, EventCodec codec,
			@Qualifier("dashboardReplayExecutor") ThreadPoolTaskExecutor executor, DashboardProperties properties,
			MeterRegistry meters) {
		return new ResumeReplays(replay::fetch, codec, executor, properties.replayPageSize(), meters);
	}

	@Bean
	SubscriptionLifecycle subscriptionLifecycle(DeviceUpdateSubscriptions subscriptions, ResumeReplays replays,
			DashboardProperties properties, ThreadPoolTaskScheduler dashboardScheduler) {
		SubscriptionLifecycle lifecycle = new SubscriptionLifecycle(subscriptions, replays,
				properties.maxBufferedDuringReplay(), Clock.systemUTC());
		dashboardScheduler.scheduleWithFixedDelay(lifecycle::closeExpiredSessions, EXPIRY_CHECK_INTERVAL);
		return lifecycle;
	}

	@Bean
	FilterRegistrationBean<HandshakeRequestFilter> handshakeRequestFilter(ProblemResponses problems) {
		FilterRegistrationBean<HandshakeRequestFilter> registration = new FilterRegistrationBean<>(
				new HandshakeRequestFilter(problems));
		registration.addUrlPatterns(StompProtocol.ENDPOINT);
		return registration;
	}

	@Bean
	DeviceUpdatesRelay deviceUpdatesRelay(DeviceUpdateSubscriptions subscriptions, MeterRegistry meters) {
		return new DeviceUpdatesRelay(subscriptions, meters);
	}

}
