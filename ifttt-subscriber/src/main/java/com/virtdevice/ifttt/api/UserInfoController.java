package com.virtdevice.ifttt.api;

import com.virtdevice.ifttt.identity.IftttUser;
import com.virtdevice.support.security.HubPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the token's user is, for IFTTT. A user id is unique only within its tenant, so the
 * id is the tenant and the user together ({@link IftttUser#iftttId()}, e.g.
 * {@code acme:alice}), the id Realtime {@code user_id} notifications carry: the same
 * {@code sub} in two tenants is two IFTTT users. The hub keeps no user profiles, so the
 * name comes from the token: its {@code name}, else {@code preferred_username}, else
 * {@code email}, else the user id.
 */
@RestController
@Tag(name = "IFTTT service")
class UserInfoController {

	private static final String[] NAME_CLAIMS = { "name", "preferred_username", "email" };

	@GetMapping(path = IftttPaths.USER_INFO, produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The user the access token belongs to", security = @SecurityRequirement(name = "bearer"))
	UserInfoResponse userInfo(@AuthenticationPrincipal Jwt token) {
		HubPrincipal caller = HubPrincipal.of(token);
		String id = new IftttUser(caller.tenantId(), caller.userId()).iftttId();
		String name = caller.userId();
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
		 * @param id the user's IFTTT id: tenant and user ({@code tenant:sub})
		 * @param name a name to show the user
		 */
		record UserInfo(String id, String name) {

		}

	}

}
