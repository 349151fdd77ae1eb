package com.virtdevice.publisher;

import com.virtdevice.support.security.HubHttpSecurityCustomizer;
import com.virtdevice.support.security.Scopes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call what (docs/contract.md §4, §8). Webhook calls carry a signature instead of
 * a token.
 */
@Configuration(proxyBeanMethods = false)
class PublisherSecurity {

	@Bean
	HubHttpSecurityCustomizer publisherAccessRules() {
		String read = Scopes.authority(Scopes.DEVICES_READ);
		String write = Scopes.authority(Scopes.DEVICES_WRITE);
		String ops = Scopes.authority(Scopes.OPS_READ);
		return (requests) -> requests.requestMatchers(HttpMethod.POST, "/hooks/*")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/api/events")
			.hasAnyAuthority(Scopes.authority(Scopes.EVENTS_REPLAY), Scopes.authority(Scopes.EVENTS_READ), ops)
			.requestMatchers(HttpMethod.GET, "/api/devices", "/api/devices/**")
			.hasAnyAuthority(read, ops)
			.requestMatchers("/api/devices", "/api/devices/**")
			.hasAuthority(write);
	}

}
