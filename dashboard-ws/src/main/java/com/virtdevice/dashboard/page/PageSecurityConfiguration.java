package com.virtdevice.dashboard.page;

import com.virtdevice.dashboard.DashboardProperties;
import com.virtdevice.support.security.HubSecurityAutoConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The page, its assets, its configuration, the dev sign-in and the WebSocket handshake
 * are open: the page holds no data until the browser signs in, and the socket
 * authenticates at STOMP CONNECT. Everything else stays behind the hub's JWT chain.
 * <p>
 * The page gets a strict Content-Security-Policy: scripts and styles from this origin
 * only (the STOMP client is served from its WebJar, never a CDN), and network access to
 * this origin and the publisher's API only (as the page calls it, which may follow the
 * page's host name).
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityConfiguration {

	private static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

	static final String[] PAGE_PATHS = { "/", "/index.html", "/dashboard.js", "/dashboard.css", "/favicon.svg",
			"/webjars/**", "/ws", "/ws/**", DashboardConfigController.PATH, "/dev/sign-in" };

	@Bean
	@Order(HubSecurityAutoConfiguration.HUB_CHAIN_ORDER - 10)
	SecurityFilterChain pageSecurityFilterChain(HttpSecurity http, DashboardProperties properties) throws Exception {
		PublisherForBrowser publisher = new PublisherForBrowser(properties.publisherBrowserUrl());
		http.securityMatcher(PAGE_PATHS)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.headers((headers) -> headers
				.addHeaderWriter((request, response) -> response.setHeader(CONTENT_SECURITY_POLICY,
						contentSecurityPolicy(publisher.origin(request))))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	/**
	 * The page's policy: the publisher's origin is the one this page calls (it follows
	 * the host name the page was opened with, see {@link PublisherForBrowser}).
	 */
	static String contentSecurityPolicy(String publisherOrigin) {
		return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' "
				+ publisherOrigin + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
	}

}
