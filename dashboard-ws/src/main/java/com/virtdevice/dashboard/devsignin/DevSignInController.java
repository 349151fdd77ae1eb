package com.virtdevice.dashboard.devsignin;

import java.io.Serial;

import com.virtdevice.dashboard.devsignin.DevTokens.DevToken;
import com.virtdevice.events.Channels;
import com.virtdevice.support.security.DevSignInGuard;
import com.virtdevice.support.web.HubProblem;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /dev/sign-in {"userId","tenantId"}} → a token for that user (local stack
 * only).
 */
@RestController
@ConditionalOnBooleanProperty(DevSignInGuard.ENABLED_PROPERTY)
class DevSignInController {

	private final DevTokens tokens;

	DevSignInController(DevTokens tokens) {
		this.tokens = tokens;
	}

	@PostMapping("/dev/sign-in")
	@Operation(summary = "Mint a token for any user (local stack only)",
			description = "Exists only with virtdevice.security.jwt.dev-sign-in.enabled=true, which refuses to "
					+ "start with a production profile or a JWK set. The token carries scopes devices:read "
					+ "devices:write events:read and is valid for 12 hours; services accept it only where the "
					+ "dev sign-in is enabled.")
	DevToken signIn(@RequestBody SignIn request) {
		return this.tokens.mint(requireId("userId", request.userId()), requireId("tenantId", request.tenantId()));
	}

	private static String requireId(String field, @Nullable String id) {
		if (id == null || !Channels.isChannelSafe(id.trim())) {
			throw new InvalidIdentity(field);
		}
		return id.trim();
	}

	/**
	 * Who to sign in as.
	 *
	 * @param userId the user ({@code sub})
	 * @param tenantId the tenant
	 */
	record SignIn(@Nullable String userId, @Nullable String tenantId) {
	}

	static final class InvalidIdentity extends HubProblem {

		@Serial
		private static final long serialVersionUID = 1L;

		InvalidIdentity(String field) {
			super(HttpStatus.BAD_REQUEST,
					field + " must be 1-128 characters without ':', '*', '?', '[', ']', '\\' " + "or whitespace");
		}

	}

}
