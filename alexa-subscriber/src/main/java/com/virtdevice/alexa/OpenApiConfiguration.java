package com.virtdevice.alexa;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (docs/openapi/alexa-subscriber.json).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static {
		// Stored reports are JSON objects, not Jackson's node API.
		SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema());
	}

	@Bean
	OpenAPI alexaSubscriberOpenApi() {
		return new OpenAPI()
			.info(new Info().title("VirtDevice alexa-subscriber")
				.version("1")
				.description("Links users' Alexa accounts (Login with Amazon grants) and shows operators the "
						+ "ChangeReports sent to the Alexa Event Gateway. Errors are RFC 9457 problem JSON."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
