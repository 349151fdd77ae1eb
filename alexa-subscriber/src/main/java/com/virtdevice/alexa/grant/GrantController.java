package com.virtdevice.alexa.grant;

import java.net.URI;

import com.virtdevice.support.security.HubPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's Alexa grant (SPEC §7). */
@RestController
@RequestMapping("/api/alexa/grants")
@Tag(name = "Grants", description = "Linking the caller's Alexa account")
class GrantController {

	private final AlexaAccounts accounts;

	GrantController(AlexaAccounts accounts) {
		this.accounts = accounts;
	}

	@PostMapping
	@Operation(summary = "Link Alexa: exchange the AcceptGrant code at Login with Amazon and keep the tokens")
	ResponseEntity<GrantStatus> link(@Parameter(hidden = true) HubPrincipal caller,
			@Valid @RequestBody LinkRequest request) {
		GrantStatus status = this.accounts.link(caller.userId(), caller.tenantId(), request);
		return ResponseEntity.created(URI.create("/api/alexa/grants/me")).body(status);
	}

	@GetMapping("/me")
	@Operation(summary = "Whether the caller has linked Alexa, and in which region")
	GrantStatus me(@Parameter(hidden = true) HubPrincipal caller) {
		return this.accounts.status(caller.userId());
	}

	@DeleteMapping("/me")
	@Operation(summary = "Unlink Alexa: forget the tokens and stop sending ChangeReports")
	ResponseEntity<Void> unlink(@Parameter(hidden = true) HubPrincipal caller) {
		this.accounts.unlink(caller.userId());
		return ResponseEntity.noContent().build();
	}

}
