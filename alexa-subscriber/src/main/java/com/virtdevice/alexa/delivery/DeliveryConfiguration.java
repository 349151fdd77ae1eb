package com.virtdevice.alexa.delivery;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.virtdevice.alexa.AlexaProperties;
import com.virtdevice.alexa.grant.AccessTokens;
import com.virtdevice.alexa.report.PropertyMapping;
import com.virtdevice.alexa.state.DeviceSnapshots;
import com.virtdevice.support.events.ReplayClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	/** Runs the device lanes: database work and the steps between gateway answers. */
	@Bean(destroyMethod = "shutdownNow")
	ThreadPoolExecutor alexaLaneExecutor(AlexaProperties properties) {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(properties.workers(), properties.workers(), 60,
				TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new CustomizableThreadFactory("alexa-lane-"));
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/** Wakes batches and retries up when their time comes; does no work itself. */
	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService alexaScheduler() {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
				new CustomizableThreadFactory("alexa-scheduler-"));
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

	@Bean
	DeviceLanes deviceLanes(ThreadPoolExecutor alexaLaneExecutor, ScheduledExecutorService alexaScheduler) {
		return new DeviceLanes(alexaLaneExecutor, alexaScheduler);
	}

	@Bean
	PropertyMapping propertyMapping(AlexaProperties properties) {
		return new PropertyMapping(properties.defaultTemperatureScale());
	}

	@Bean
	AlexaGateway alexaGateway(AlexaProperties properties, JsonMapper json) {
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		return new AlexaGateway(http, properties.eventGateway(), properties.requestTimeout(), json);
	}

	@Bean
	Deliveries deliveries(JdbcClient jdbc, JsonMapper json, Clock clock) {
		return new Deliveries(jdbc, json, clock);
	}

	@Bean
	DeliveryMetrics deliveryMetrics(MeterRegistry meters, Clock clock) {
		return new DeliveryMetrics(meters, clock);
	}

	@Bean
	InFlightEvents inFlightEvents(MeterRegistry meters) {
		InFlightEvents inFlight = new InFlightEvents(-1);
		Gauge.builder("virtdevice.alexa.events.in_flight", inFlight::size)
			.description("Events whose report is not finished")
			.register(meters);
		return inFlight;
	}

	@Bean
	StreamPosition streamPosition(JdbcClient jdbc, InFlightEvents inFlight, Clock clock) {
		return new StreamPosition(jdbc, inFlight, clock);
	}

	@Bean
	ReportContents reportContents(PropertyMapping mapping, DeviceSnapshots snapshots, DeliveryMetrics metrics,
			AlexaProperties properties) {
		return new ReportContents(mapping, snapshots, metrics, properties.uncertaintyInMilliseconds());
	}

	@Bean
	ReportSender reportSender(DeviceLanes lanes, AccessTokens tokens, AlexaGateway gateway, ReportContents contents,
			Deliveries deliveries, DeliveryMetrics metrics, AlexaProperties properties) {
		return new ReportSender(lanes, tokens, gateway, contents, deliveries, metrics,
				new RetryBackoff(properties.retry()));
	}

	@Bean
	ReportPipeline reportPipeline(DeviceLanes lanes, InFlightEvents inFlight, AccessTokens tokens,
			Deliveries deliveries, DeviceSnapshots snapshots, PropertyMapping mapping, ReportSender sender,
			DeliveryMetrics metrics, AlexaProperties properties, Clock clock) {
		return new ReportPipeline(lanes, inFlight, new BatchIntake(tokens, deliveries, snapshots), mapping, sender,
				metrics, new ReportPipeline.Settings(properties.coalesceWindow(), properties.catchUpSettle(),
						properties.reportAlexaInitiated()),
				clock);
	}

	@Bean
	AlexaEventListener alexaEventListener(ReportPipeline pipeline, StreamPosition position, ReplayClient replay) {
		return new AlexaEventListener(pipeline, position, replay);
	}

	@Bean
	DeliveryLifecycle deliveryLifecycle(Deliveries deliveries, StreamPosition position,
			ScheduledExecutorService alexaScheduler, AlexaProperties properties, Clock clock) {
		return new DeliveryLifecycle(deliveries, position, alexaScheduler, properties.positionFlushInterval(),
				properties.deliveryRetention(), clock);
	}

	@Bean
	DeliveryHealthIndicator alexaDeliveryHealthIndicator(InFlightEvents inFlight, ReportPipeline pipeline,
			StreamPosition position) {
		return new DeliveryHealthIndicator(inFlight, pipeline, position);
	}

}
