package com.virtdevice.alexa.grant;

import java.net.URI;

import com.virtdevice.support.security.HubPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's Alexa grant (docs/contract.md §7). */
@RestController
@RequestMapping("/api/alexa/grants")
@Tag(name = "Grants", description = "Linking the caller's Alexa account")
class GrantController {

	private final AlexaAccounts accounts;

	GrantController(AlexaAccounts accounts) {
		this.accounts = accounts;
	}

	@PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Link Alexa: exchange the AcceptGrant code at Login with Amazon and keep the tokens")
	@ApiResponse(responseCode = "201", description = "Linked")
	@ApiResponse(responseCode = "400", description = "Malformed request, or LWA refused the code (invalid_grant)",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "502", description = "LWA refused our client credentials",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "503", description = "LWA unreachable; retry later",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<GrantStatus> link(@Parameter(hidden = true) HubPrincipal caller,
			@Valid @RequestBody LinkRequest request) {
		GrantStatus status = this.accounts.link(caller.userId(), caller.tenantId(), request);
		return ResponseEntity.created(URI.create("/api/alexa/grants/me")).body(status);
	}

	@GetMapping(path = "/me", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Whether the caller has linked Alexa, and in which region")
	GrantStatus me(@Parameter(hidden = true) HubPrincipal caller) {
		return this.accounts.status(caller.userId(), caller.tenantId());
	}

	@DeleteMapping("/me")
	@Operation(summary = "Unlink Alexa: forget the tokens and stop sending ChangeReports")
	@ApiResponse(responseCode = "204", description = "Unlinked (or was not linked)")
	ResponseEntity<Void> unlink(@Parameter(hidden = true) HubPrincipal caller) {
		this.accounts.unlink(caller.userId(), caller.tenantId());
		return ResponseEntity.noContent().build();
	}

}
