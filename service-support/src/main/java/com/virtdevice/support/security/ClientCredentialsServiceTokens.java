package com.virtdevice.support.security;

import java.net.http.HttpClient;
import java.util.function.Supplier;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Service tokens from the identity provider, by OAuth 2.0 client credentials through
 * Spring Security's OAuth2 client: the token is kept and a new one fetched once the
 * current one is within {@code renew-before} of its expiry.
 */
final class ClientCredentialsServiceTokens implements Supplier<ServiceToken> {

	/**
	 * The client registration
	 * ({@code spring.security.oauth2.client.registration.virtdevice.*}).
	 */
	static final String REGISTRATION_ID = "virtdevice";

	private final AuthorizedClientServiceOAuth2AuthorizedClientManager clients;

	private final OAuth2AuthorizeRequest request;

	ClientCredentialsServiceTokens(ClientRegistrationRepository registrations, OAuth2AuthorizedClientService store,
			String serviceName, ServiceTokenProperties properties) {
		RestClientClientCredentialsTokenResponseClient tokenEndpoint = new RestClientClientCredentialsTokenResponseClient();
		tokenEndpoint.setRestClient(tokenEndpointClient(properties));
		this.clients = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, store);
		this.clients.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials(
					(grant) -> grant.accessTokenResponseClient(tokenEndpoint).clockSkew(properties.renewBefore()))
			.build());
		this.request = OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION_ID)
			.principal("service-" + serviceName)
			.build();
	}

	@Override
	public ServiceToken get() {
		OAuth2AuthorizedClient client;
		try {
			client = this.clients.authorize(this.request);
		}
		catch (OAuth2AuthorizationException ex) {
			throw new ServiceTokenUnavailable("The identity provider refused the client credentials of registration '"
					+ REGISTRATION_ID + "': " + ex.getError(), ex);
		}
		catch (RuntimeException ex) {
			throw new ServiceTokenUnavailable(
					"No token from the identity provider (registration '" + REGISTRATION_ID + "'): " + ex.getMessage(),
					ex);
		}
		if (client == null) {
			throw new ServiceTokenUnavailable("Registration '" + REGISTRATION_ID + "' gave no token; it must use "
					+ "authorization-grant-type client_credentials");
		}
		OAuth2AccessToken token = client.getAccessToken();
		return new ServiceToken(token.getTokenValue(), token.getExpiresAt());
	}

	/**
	 * Spring Security's token endpoint client, with timeouts so a silent provider cannot
	 * hang replay.
	 */
	private static RestClient tokenEndpointClient(ServiceTokenProperties properties) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
		requests.setReadTimeout(properties.timeout());
		return RestClient.builder()
			.requestFactory(requests)
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
	}

}
