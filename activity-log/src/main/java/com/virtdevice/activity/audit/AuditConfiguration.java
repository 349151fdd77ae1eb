package com.virtdevice.activity.audit;

import com.virtdevice.support.events.EventStream;
import io.micrometer.core.instrument.MeterRegistry;
import org.hibernate.cfg.BatchSettings;
import org.hibernate.cfg.MappingSettings;

import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event listener and its write path, their health, and the Hibernate settings the
 * write path relies on.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	ActivityWriterMetrics activityWriterMetrics(MeterRegistry registry) {
		return new ActivityWriterMetrics(registry);
	}

	@Bean
	RetryingBatchWriter retryingBatchWriter(BatchStore store, ActivityWriterMetrics metrics,
			ActivityWriterProperties properties) {
		return new RetryingBatchWriter(store, metrics, properties.maxRetryBackoff());
	}

	@Bean
	AuditEventListener auditEventListener(RetryingBatchWriter writer, BatchStore store,
			ActivityWriterProperties properties) {
		return new AuditEventListener(writer, store, properties.batchSize());
	}

	@Bean
	ActivityWriterHealthIndicator activityWriterHealthIndicator(RetryingBatchWriter writer,
			ActivityWriterMetrics metrics, EventStream stream) {
		return new ActivityWriterHealthIndicator(writer, metrics, stream);
	}

	/**
	 * One JDBC batch per written batch, and {@code details} (jsonb) read and written with
	 * Jackson 3, which Hibernate does not find on its own.
	 */
	@Bean
	HibernatePropertiesCustomizer activityLogHibernateProperties(ActivityWriterProperties writer) {
		return (properties) -> {
			properties.put(BatchSettings.STATEMENT_BATCH_SIZE, writer.batchSize());
			properties.put(MappingSettings.JSON_FORMAT_MAPPER, new JsonColumnMapper());
		};
	}

}
