package com.virtdevice.activity.retention;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the purge every {@code interval}, unless retention is disabled. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "virtdevice.activity.retention.enabled", matchIfMissing = true)
class RetentionSchedule implements SchedulingConfigurer {

	private final RetentionPurge purge;

	private final RetentionProperties properties;

	RetentionSchedule(RetentionPurge purge, RetentionProperties properties) {
		this.purge = purge;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(
				new FixedDelayTask(this.purge::run, this.properties.interval(), this.properties.initialDelay()));
	}

}
