package com.virtdevice.activity.query;

import java.util.List;

import com.virtdevice.support.security.HubPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit query API (SPEC §6). Scope {@code activity:read} sees its own tenant,
 * {@code ops:read} every tenant ({@link ActivityFilter#visibleTenant}).
 */
@RestController
@RequestMapping(path = ActivityController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "activity", description = "The audit trail: one row per device event")
@ApiResponse(responseCode = "400", description = "A parameter is not valid",
		content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
				schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "401", description = "No valid bearer token",
		content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
				schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "403",
		description = "Neither activity:read nor ops:read, or another tenant without ops:read",
		content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
				schema = @Schema(implementation = ProblemDetail.class)))
class ActivityController {

	static final String PATH = "/api/activity";

	private final ActivitySearch search;

	ActivityController(ActivitySearch search) {
		this.search = search;
	}

	@GetMapping
	@ApiResponse(responseCode = "200", description = "One page, newest first")
	@Operation(operationId = "searchActivity", summary = "Search the audit trail, newest first",
			description = "Filters combine with AND. Pages are keyset-paginated: pass nextCursor as cursor for the "
					+ "next page; rows added meanwhile never shift a page. activity:read sees its own tenant "
					+ "(tenantId of another tenant: 403); ops:read sees all tenants or the one named by tenantId.")
	ActivityPage search(@ParameterObject @Valid ActivityQuery query, @Parameter(hidden = true) HubPrincipal caller) {
		ActivityFilter filter = ActivityFilter.of(query, caller);
		Cursor after = (query.cursor() != null) ? Cursor.decode(query.cursor()) : null;
		int limit = query.pageSize();
		// One row more than the page tells whether there is a next page.
		List<ActivityItem> rows = this.search.find(filter, after, limit + 1);
		if (rows.size() <= limit) {
			return new ActivityPage(rows, null);
		}
		List<ActivityItem> page = rows.subList(0, limit);
		return new ActivityPage(List.copyOf(page), Cursor.after(page.get(limit - 1)).encode());
	}

	@GetMapping("/{id}")
	@ApiResponse(responseCode = "200", description = "The row")
	@ApiResponse(responseCode = "404", description = "No such row in the caller's tenant",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	@Operation(operationId = "getActivity", summary = "One audit row",
			description = "404 for a row of another tenant unless the caller has ops:read.")
	ActivityItem one(@PathVariable long id, @Parameter(hidden = true) HubPrincipal caller) {
		return this.search.findById(id, ActivityFilter.visibleTenant(caller, null))
			.orElseThrow(() -> new ActivityNotFound(id));
	}

}
