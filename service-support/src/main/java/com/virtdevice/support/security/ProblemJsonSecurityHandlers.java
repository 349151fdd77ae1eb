package com.virtdevice.support.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.virtdevice.support.web.ProblemResponses;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers 401 and 403 with RFC 9457 problem JSON, keeping the {@code WWW-Authenticate}
 * header of RFC 6750 that Spring Security's bearer-token handlers set.
 */
final class ProblemJsonSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

	private final ProblemResponses problems;

	ProblemJsonSecurityHandlers(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		this.bearerEntryPoint.commence(request, response, exception);
		this.problems.write(request, response, HttpStatus.UNAUTHORIZED,
				"A valid bearer token is required: " + exception.getMessage());
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		this.bearerDenied.handle(request, response, exception);
		this.problems.write(request, response, HttpStatus.FORBIDDEN,
				"The token does not grant the scope this request needs");
	}

}
