package com.virtdevice.activity.query;

import com.virtdevice.support.security.HubHttpSecurityCustomizer;
import com.virtdevice.support.security.Scopes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call the query API. (Its OpenAPI title and bearer-token scheme come from
 * service-support; the description from {@code virtdevice.api-description}.)
 */
@Configuration(proxyBeanMethods = false)
class ActivityApiConfiguration {

	@Bean
	HubHttpSecurityCustomizer activityApiAccess() {
		return (requests) -> requests.requestMatchers(ActivityController.PATH, ActivityController.PATH + "/**")
			.hasAnyAuthority(Scopes.authority(Scopes.ACTIVITY_READ), Scopes.authority(Scopes.OPS_READ));
	}

}
