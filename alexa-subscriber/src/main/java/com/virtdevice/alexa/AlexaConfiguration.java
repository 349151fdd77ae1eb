package com.virtdevice.alexa;

import java.time.Clock;

import com.virtdevice.support.security.HubHttpSecurityCustomizer;
import com.virtdevice.support.security.Scopes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AlexaConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** Delivery records are for operators; grants need only the user's own token. */
	@Bean
	HubHttpSecurityCustomizer alexaAccessRules() {
		return (requests) -> requests.requestMatchers("/api/alexa/deliveries", "/api/alexa/deliveries/**")
			.hasAuthority(Scopes.authority(Scopes.OPS_READ));
	}

}
