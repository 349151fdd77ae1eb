package com.virtdevice.ifttt.api;

import com.virtdevice.support.security.HubSecurityAutoConfiguration;
import com.virtdevice.support.security.Scopes;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Security of the endpoints IFTTT calls ({@code /ifttt/**}), ahead of the hub's shared
 * chain: the same JWT verification, but IFTTT's error body and no 403. Endpoints IFTTT
 * calls with the service key instead of a user's token are let through here and check the
 * key themselves ({@link ServiceKey}).
 */
@Configuration(proxyBeanMethods = false)
class IftttSecurityConfiguration {

	static final String PATHS = "/ifttt/**";

	@Bean
	@Order(HubSecurityAutoConfiguration.HUB_CHAIN_ORDER - 10)
	SecurityFilterChain iftttSecurityFilterChain(HttpSecurity http, JsonMapper json) throws Exception {
		IftttAuthenticationErrors errors = new IftttAuthenticationErrors(json);
		JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
		tokens.setPrincipalClaimName("sub");
		http.securityMatcher(PATHS)
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
			.oauth2ResourceServer((server) -> server.authenticationEntryPoint(errors)
				.accessDeniedHandler(errors)
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(tokens)))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, IftttPaths.STATUS)
				.permitAll()
				.requestMatchers(HttpMethod.POST, IftttPaths.TEST_SETUP)
				.permitAll()
				.requestMatchers(HttpMethod.DELETE, IftttPaths.TRIGGER_IDENTITY_PATTERN)
				.permitAll()
				.requestMatchers(HttpMethod.POST, IftttPaths.TRIGGERS_PATTERN)
				.hasAuthority(Scopes.authority(Scopes.EVENTS_READ))
				.anyRequest()
				.authenticated());
		return http.build();
	}

}
