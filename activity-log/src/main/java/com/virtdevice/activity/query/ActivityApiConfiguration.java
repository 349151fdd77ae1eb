package com.virtdevice.activity.query;

import com.virtdevice.support.security.HubHttpSecurityCustomizer;
import com.virtdevice.support.security.Scopes;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call the query API, and how its OpenAPI document describes it. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "VirtDevice activity-log", version = "1",
		description = "The audit trail of the VirtDevice event hub: one row per device event (SPEC §6). "
				+ "Errors are RFC 9457 problem JSON."),
		security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
		description = "A hub JWT (SPEC §8) with scope activity:read or ops:read")
class ActivityApiConfiguration {

	@Bean
	HubHttpSecurityCustomizer activityApiAccess() {
		return (requests) -> requests.requestMatchers(ActivityController.PATH, ActivityController.PATH + "/**")
			.hasAnyAuthority(Scopes.authority(Scopes.ACTIVITY_READ), Scopes.authority(Scopes.OPS_READ));
	}

}
