package com.virtdevice.ifttt.api;

import com.virtdevice.ifttt.realtime.RealtimeHeaders;
import com.virtdevice.support.events.EventStream;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * IFTTT's health check of the service. 200 only when the service can answer polls with
 * complete data: the database answers, the event subscription is live and the history
 * stream is dispatching; otherwise 503 so IFTTT retries later.
 */
@RestController
@Tag(name = "IFTTT service")
class StatusController {

	private final ServiceKey serviceKey;

	private final JdbcClient jdbc;

	private final EventStream stream;

	StatusController(ServiceKey serviceKey, JdbcClient jdbc, EventStream stream) {
		this.serviceKey = serviceKey;
		this.jdbc = jdbc;
		this.stream = stream;
	}

	@GetMapping(IftttPaths.STATUS)
	@Operation(summary = "Service status for IFTTT: 200 when healthy, 503 when not",
			security = @SecurityRequirement(name = "serviceKey"))
	ResponseEntity<Void> status(@Parameter(hidden = true) @RequestHeader(name = RealtimeHeaders.SERVICE_KEY,
			required = false) @Nullable String key) {
		this.serviceKey.require(key);
		if (!databaseAnswers()) {
			throw new ServiceUnavailable("The database is unavailable");
		}
		if (!this.stream.isSubscribed() || !this.stream.isRunning()) {
			throw new ServiceUnavailable("The service is not receiving device events");
		}
		return ResponseEntity.ok().build();
	}

	private boolean databaseAnswers() {
		try {
			return this.jdbc.sql("SELECT 1").query(Integer.class).single() == 1;
		}
		catch (DataAccessException ex) {
			return false;
		}
	}

}
