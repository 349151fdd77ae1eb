package com.virtdevice.publisher.replay;

import io.swagger.v3.core.converter.ModelConverters;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the event items of the replay API in the OpenAPI document. */
@Configuration(proxyBeanMethods = false)
class ReplayOpenApi {

	@Bean
	OpenApiCustomizer deviceStateEventSchema() {
		return (openApi) -> ModelConverters.getInstance()
			.read(ReplayController.EventSchema.class)
			.forEach(openApi.getComponents()::addSchemas);
	}

}
