package com.virtdevice.dashboard.relay;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Keeps the {@code access_token} query parameter of the handshake for the CONNECT frame
 * to use when it carries no {@code Authorization} header. The handshake itself is never
 * refused here: authentication happens (and is refused with a STOMP ERROR) at CONNECT.
 */
final class AccessTokenHandshakeInterceptor implements HandshakeInterceptor {

	static final String ATTRIBUTE = AccessTokenHandshakeInterceptor.class.getName() + ".token";

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		String token = UriComponentsBuilder.fromUri(request.getURI())
			.build()
			.getQueryParams()
			.getFirst(StompProtocol.ACCESS_TOKEN_PARAMETER);
		if (token != null && !token.isBlank()) {
			attributes.put(ATTRIBUTE, UriUtils.decode(token, StandardCharsets.UTF_8));
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			@Nullable Exception exception) {
	}

}
