package com.virtdevice.ifttt.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the token's user is, for IFTTT. The id is the token's {@code sub}, the same user id
 * events and Realtime notifications ({@code user_id}) carry. The hub keeps no user
 * profiles, so the name comes from the token: its {@code name}, else
 * {@code preferred_username}, else {@code email}, else the user id.
 */
@RestController
@Tag(name = "IFTTT service")
class UserInfoController {

	private static final String[] NAME_CLAIMS = { "name", "preferred_username", "email" };

	@GetMapping(path = IftttPaths.USER_INFO, produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The user the access token belongs to", security = @SecurityRequirement(name = "bearer"))
	UserInfoResponse userInfo(@AuthenticationPrincipal Jwt token) {
		String id = token.getSubject();
		String name = id;
		for (String claim : NAME_CLAIMS) {
			String value = token.getClaimAsString(claim);
			if (value != null && !value.isBlank()) {
				name = value;
				break;
			}
		}
		return new UserInfoResponse(new UserInfoResponse.UserInfo(id, name));
	}

	/**
	 * IFTTT's {@code UserInfoResponse}.
	 *
	 * @param data the user
	 */
	record UserInfoResponse(UserInfo data) {

		/**
		 * @param id the user id (the token's {@code sub})
		 * @param name a name to show the user
		 */
		record UserInfo(String id, String name) {

		}

	}

}
