package com.virtdevice.support;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.virtdevice.support.security.HubHttpSecurityCustomizer;
import com.virtdevice.support.security.HubPrincipal;
import com.virtdevice.support.security.Scopes;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A tiny service built on service-support, for its tests. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestServiceApplication {

	@Bean
	HubHttpSecurityCustomizer opsOnly() {
		return (requests) -> requests.requestMatchers("/api/ops/**").hasAuthority(Scopes.authority(Scopes.OPS_READ));
	}

	@RestController
	static class ProbeController {

		@GetMapping("/api/whoami")
		Map<String, Object> whoami(HubPrincipal caller) {
			return Map.of("userId", caller.userId(), "tenantId", caller.tenantId(), "scopes", caller.scopes());
		}

		@GetMapping("/api/ops/overview")
		Map<String, String> ops() {
			return Map.of("ok", "yes");
		}

		@PostMapping("/api/echo")
		Echo echo(@Valid @RequestBody Echo echo) {
			return echo;
		}

		@GetMapping("/api/database-down")
		String databaseDown() {
			throw new DataAccessResourceFailureException("connection refused");
		}

		@GetMapping("/api/database-gone-mid-transaction")
		String databaseGoneMidTransaction() {
			TransactionSystemException rollbackFailed = new TransactionSystemException("Could not roll back",
					new java.sql.SQLException("This connection has been closed.", "08003"));
			rollbackFailed.initApplicationException(new DataAccessResourceFailureException("I/O error"));
			throw rollbackFailed;
		}

		@GetMapping("/api/rollback-bug")
		String rollbackBug() {
			TransactionSystemException rollbackFailed = new TransactionSystemException("Could not roll back");
			rollbackFailed.initApplicationException(new IllegalStateException("secret internal detail"));
			throw rollbackFailed;
		}

		@GetMapping("/api/page")
		Map<String, Integer> page(@org.springframework.web.bind.annotation.RequestParam int limit) {
			return Map.of("limit", limit);
		}

		@GetMapping("/api/bug")
		String bug() {
			throw new IllegalStateException("secret internal detail");
		}

	}

	record Echo(@NotBlank @Size(max = 10) String text) {
	}

}
