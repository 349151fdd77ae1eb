package com.virtdevice.support.security;

import java.time.Clock;
import java.util.List;

import com.virtdevice.support.web.HubWebProperties;
import com.virtdevice.support.web.ProblemResponses;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The hub's resource-server security (docs/contract.md §8), shared by every service:
 * stateless, bearer JWTs only, health and metrics open, 401/403 as problem JSON. Services
 * add their own rules with {@link HubHttpSecurityCustomizer} beans.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration" })
@EnableConfigurationProperties({ JwtProperties.class, ServiceTokenProperties.class })
public class HubSecurityAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(HubSecurityAutoConfiguration.class);

	/**
	 * Precedence of the shared chain: after any chain a service declares for its own
	 * paths.
	 */
	public static final int HUB_CHAIN_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	static final String[] OPEN_PATHS = { "/actuator/health", "/actuator/health/**", "/actuator/info",
			"/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/error" };

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(JwtProperties properties, Environment environment) {
		return HubJwtDecoders.create(properties, environment);
	}

	/**
	 * The service's own token: see {@link ServiceTokens} for the order of its sources.
	 */
	@Bean
	@ConditionalOnMissingBean
	ServiceTokens serviceTokens(JwtProperties properties, ServiceTokenProperties tokenProperties,
			Environment environment, ObjectProvider<ClientRegistrationRepository> registrations,
			ObjectProvider<OAuth2AuthorizedClientService> authorizedClients) {
		String name = environment.getProperty("spring.application.name", "hub");
		ClientRegistrationRepository repository = registrations.getIfAvailable();
		if (repository != null
				&& repository.findByRegistrationId(ClientCredentialsServiceTokens.REGISTRATION_ID) != null) {
			OAuth2AuthorizedClientService store = authorizedClients
				.getIfAvailable(() -> new InMemoryOAuth2AuthorizedClientService(repository));
			return new ServiceTokens("client-credentials",
					new ClientCredentialsServiceTokens(repository, store, name, tokenProperties));
		}
		String configured = environment.getProperty("virtdevice.publisher.token");
		if (configured != null && !configured.isBlank()) {
			log.warn("virtdevice.publisher.token is a fixed service token: once it expires every replay call is "
					+ "refused. Configure the client registration '{}' (spring.security.oauth2.client.*) to renew it.",
					ClientCredentialsServiceTokens.REGISTRATION_ID);
			return ServiceTokens.configured(configured);
		}
		if (properties.hasSecret()) {
			return new ServiceTokens("signed",
					new SignedServiceTokens(HubJwtDecoders.secretKey(properties, environment), name,
							properties.audiences(), Clock.systemUTC()));
		}
		return ServiceTokens.none();
	}

	/**
	 * The default chain, matching every request. A service that needs different handling
	 * for some paths (another error format, another credential) declares its own
	 * {@link SecurityFilterChain} with a {@code securityMatcher} and a higher precedence.
	 */
	@Bean
	@Order(HUB_CHAIN_ORDER)
	@ConditionalOnMissingBean(name = "hubSecurityFilterChain")
	SecurityFilterChain hubSecurityFilterChain(HttpSecurity http, ProblemResponses problems,
			ObjectProvider<HubHttpSecurityCustomizer> customizers) throws Exception {
		ProblemJsonSecurityHandlers handlers = new ProblemJsonSecurityHandlers(problems);
		JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
		tokens.setPrincipalClaimName("sub");
		http.csrf((csrf) -> csrf.disable()).cors((cors) -> {
		})
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
			.oauth2ResourceServer((server) -> server.authenticationEntryPoint(handlers)
				.accessDeniedHandler(handlers)
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(tokens)))
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers(OPEN_PATHS).permitAll();
				requests.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll();
				customizers.orderedStream().forEach((customizer) -> customizer.customize(requests));
				requests.anyRequest().authenticated();
			});
		return http.build();
	}

	/**
	 * CORS for browsers calling {@code /api/**} from the allowed origins: exact origins
	 * or patterns ({@code http://*:8084}: the dashboard under any host name). Spring
	 * Security looks this bean up by name; Spring MVC's handler-mapping introspector is a
	 * {@link CorsConfigurationSource} too, so the condition must be on the name.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "corsConfigurationSource")
	CorsConfigurationSource corsConfigurationSource(HubWebProperties properties) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (!properties.corsAllowedOrigins().isEmpty()) {
			CorsConfiguration cors = new CorsConfiguration();
			cors.setAllowedOriginPatterns(properties.corsAllowedOrigins());
			cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
			cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
			cors.setExposedHeaders(List.of("Location"));
			cors.setMaxAge(3600L);
			source.registerCorsConfiguration("/api/**", cors);
		}
		return source;
	}

	@Bean
	WebMvcConfigurer hubPrincipalArgumentResolverConfigurer() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new HubPrincipalArgumentResolver());
			}
		};
	}

}
