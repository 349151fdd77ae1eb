package com.virtdevice.support.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service obtains its own token from the identity provider (OAuth 2.0 client
 * credentials; the registration itself is standard
 * {@code spring.security.oauth2.client.registration.virtdevice.*}).
 *
 * @param renewBefore fetch a new token this long before the current one expires
 * @param timeout connect and read timeout of each call to the token endpoint
 */
@ConfigurationProperties("virtdevice.security.service-token")
public record ServiceTokenProperties(@DefaultValue("60s") Duration renewBefore, @DefaultValue("5s") Duration timeout) {

}
