package com.virtdevice.support.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own access rules, added to the hub's shared security filter chain before
 * its final rule (every other request needs a valid token).
 */
@FunctionalInterface
public interface HubHttpSecurityCustomizer {

	void customize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);

}
