package com.virtdevice.alexa;

import io.swagger.v3.oas.models.media.ObjectSchema;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (docs/openapi/alexa-subscriber.json);
 * its title, security scheme and description come from service-support and
 * {@code virtdevice.api-description}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static {
		// Stored reports are JSON objects, not Jackson's node API.
		SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema());
	}

}
