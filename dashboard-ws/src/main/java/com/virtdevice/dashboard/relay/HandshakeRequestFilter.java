package com.virtdevice.dashboard.relay;

import java.io.IOException;
import java.util.Locale;

import com.virtdevice.support.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers requests to {@value StompProtocol#ENDPOINT} that are no WebSocket handshake
 * with problem JSON, like every other error of the hub: Spring's handshake handler would
 * answer them with a plain-text line or an empty body.
 */
final class HandshakeRequestFilter extends OncePerRequestFilter {

	private final ProblemResponses problems;

	HandshakeRequestFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !StompProtocol.ENDPOINT.equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!HttpMethod.GET.matches(request.getMethod())) {
			response.setHeader(HttpHeaders.ALLOW, HttpMethod.GET.name());
			this.problems.write(request, response, HttpStatus.METHOD_NOT_ALLOWED,
					"Open a WebSocket here with a GET handshake");
			return;
		}
		if (!isHandshake(request)) {
			this.problems.write(request, response, HttpStatus.BAD_REQUEST,
					"This is a WebSocket endpoint: send a WebSocket handshake (Upgrade: websocket, "
							+ "Sec-WebSocket-Version: 13)");
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isHandshake(HttpServletRequest request) {
		String upgrade = request.getHeader(HttpHeaders.UPGRADE);
		String connection = request.getHeader(HttpHeaders.CONNECTION);
		return upgrade != null && upgrade.equalsIgnoreCase("websocket") && connection != null
				&& connection.toLowerCase(Locale.ROOT).contains("upgrade")
				&& "13".equals(request.getHeader("Sec-WebSocket-Version"))
				&& request.getHeader("Sec-WebSocket-Key") != null;
	}

}
