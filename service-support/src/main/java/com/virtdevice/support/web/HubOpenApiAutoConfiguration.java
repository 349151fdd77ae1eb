package com.virtdevice.support.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;

import com.virtdevice.support.security.HubPrincipal;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The OpenAPI description every service publishes at {@code /v3/api-docs} (with springdoc
 * on the classpath): its name and version, and the docs/contract.md §8 bearer JWT as the
 * security scheme of every operation.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class HubOpenApiAutoConfiguration {

	/** The name of the bearer-token security scheme. */
	public static final String BEARER_JWT = "bearerJwt";

	static {
		// The caller comes from the token, not from a request parameter.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(HubPrincipal.class);
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAPI hubOpenApi(Environment environment) {
		String name = environment.getProperty("spring.application.name", "service");
		return new OpenAPI()
			.info(new Info().title("VirtDevice " + name)
				.version(environment.getProperty("virtdevice.api-version", "1"))
				.description(environment.getProperty("virtdevice.api-description",
						"Part of the VirtDevice event hub. Errors are RFC 9457 problem JSON.")))
			.components(new Components().addSecuritySchemes(BEARER_JWT,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("HS256 JWT (or from the configured JWK set) with claims sub (user), "
								+ "tenant, scope (space separated) and exp")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER_JWT));
	}

}
