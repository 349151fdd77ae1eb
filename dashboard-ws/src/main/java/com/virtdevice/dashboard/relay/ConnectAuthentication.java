package com.virtdevice.dashboard.relay;

import java.time.Instant;
import java.util.Map;

import com.virtdevice.support.security.HubPrincipal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Authenticates each STOMP connection at CONNECT with the hub's token rules (the same
 * {@link JwtDecoder} as the REST API: HS256 or the JWK set, {@code exp}, {@code sub},
 * {@code tenant}). The token comes from the frame's {@code Authorization: Bearer} header,
 * else from the handshake's {@code access_token} parameter. A missing or bad token
 * refuses the CONNECT: the client gets an ERROR frame and the socket closes.
 */
final class ConnectAuthentication implements ChannelInterceptor {

	private static final Logger log = LoggerFactory.getLogger(ConnectAuthentication.class);

	private static final String BEARER = "Bearer ";

	private final JwtDecoder decoder;

	ConnectAuthentication(JwtDecoder decoder) {
		this.decoder = decoder;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor frame = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		if (frame == null
				|| !(frame.getCommand() == StompCommand.CONNECT || frame.getCommand() == StompCommand.STOMP)) {
			return message;
		}
		String token = tokenOf(frame);
		if (token == null) {
			throw new StompRefusal("A token is required: send 'Authorization: Bearer <JWT>' in the CONNECT frame");
		}
		Jwt jwt;
		try {
			jwt = this.decoder.decode(token);
		}
		catch (JwtException ex) {
			log.info("Refused STOMP CONNECT of session {}: {}", frame.getSessionId(), ex.getMessage());
			throw new StompRefusal(isExpiry(ex) ? "The token has expired" : "The token is not valid");
		}
		Instant expiresAt = (jwt.getExpiresAt() != null) ? jwt.getExpiresAt() : Instant.MAX;
		frame.setUser(new StompUser(HubPrincipal.of(jwt), expiresAt));
		return message;
	}

	private static @Nullable String tokenOf(StompHeaderAccessor frame) {
		String authorization = frame.getFirstNativeHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null) {
			authorization = frame.getFirstNativeHeader("authorization");
		}
		if (authorization != null) {
			return authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
					? authorization.substring(BEARER.length()).trim() : null;
		}
		Map<String, Object> attributes = frame.getSessionAttributes();
		Object fromHandshake = (attributes != null) ? attributes.get(AccessTokenHandshakeInterceptor.ATTRIBUTE) : null;
		return (fromHandshake instanceof String token) ? token : null;
	}

	private static boolean isExpiry(JwtException ex) {
		return ex instanceof JwtValidationException invalid && invalid.getErrors()
			.stream()
			.anyMatch((error) -> error.getDescription() != null && error.getDescription().contains("expired"));
	}

}
