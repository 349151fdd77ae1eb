package com.virtdevice.ifttt.api;

import java.util.List;
import java.util.Map;

import com.virtdevice.ifttt.realtime.RealtimeHeaders;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's OpenAPI description ({@code /v3/api-docs}), with IFTTT's error responses
 * on every operation.
 */
@Configuration(proxyBeanMethods = false)
class IftttOpenApi {

	private static final String ERROR_SCHEMA = "ErrorResponse";

	/** The error statuses each operation answers with, besides 500. */
	private static final Map<String, List<String>> ERRORS = Map.of("poll", List.of("400", "401", "404", "503"),
			"forget", List.of("401", "404", "503"), "status", List.of("401", "503"), "userInfo", List.of("401"),
			"setUp", List.of("401", "404", "503"));

	private static final Map<String, String> ERROR_DESCRIPTIONS = Map.of("400", "The request's fields are not valid",
			"401", "Missing, invalid or expired access token or service key", "404", "No such trigger or endpoint",
			"500", "Unexpected error", "503", "Not available now; IFTTT should retry later");

	@Bean
	OpenAPI iftttSubscriberOpenApi() {
		return new OpenAPI()
			.info(new Info().title("VirtDevice ifttt-subscriber")
				.version("1")
				.description("The IFTTT service protocol endpoints (base /ifttt/v1) IFTTT calls: the "
						+ "device_property_changed trigger, status, user info and test setup. Errors use "
						+ "IFTTT's format {\"errors\": [{\"message\": \"…\"}]}."))
			.components(new Components()
				.addSecuritySchemes("bearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
				.addSecuritySchemes("serviceKey",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name(RealtimeHeaders.SERVICE_KEY)));
	}

	@Bean
	OpenApiCustomizer iftttErrorResponses() {
		return (openApi) -> {
			openApi.getComponents().addSchemas(ERROR_SCHEMA, errorSchema());
			openApi.getPaths()
				.values()
				.forEach((path) -> path.readOperations().forEach(IftttOpenApi::addErrorResponses));
		};
	}

	private static void addErrorResponses(Operation operation) {
		ERRORS.getOrDefault(operation.getOperationId(), List.of())
			.forEach((status) -> operation.getResponses().addApiResponse(status, errorResponse(status)));
		operation.getResponses().addApiResponse("500", errorResponse("500"));
	}

	private static ApiResponse errorResponse(String status) {
		return new ApiResponse().description(ERROR_DESCRIPTIONS.get(status))
			.content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA))));
	}

	private static Schema<?> errorSchema() {
		Schema<?> message = new ObjectSchema().addProperty("message", new StringSchema()).required(List.of("message"));
		return new ObjectSchema().description("IFTTT's error body")
			.addProperty("errors", new ArraySchema().items(message))
			.required(List.of("errors"));
	}

}
