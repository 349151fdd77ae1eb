package com.virtdevice.activity.query;

import java.util.List;

import com.virtdevice.support.security.HubPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit query API (SPEC §6). Scope {@code activity:read} sees its own tenant,
 * {@code ops:read} every tenant ({@link ActivityFilter#visibleTenant}).
 */
@RestController
@RequestMapping(ActivityController.PATH)
@Tag(name = "activity", description = "The audit trail: one row per device event")
class ActivityController {

	static final String PATH = "/api/activity";

	private final ActivitySearch search;

	ActivityController(ActivitySearch search) {
		this.search = search;
	}

	@GetMapping
	@Operation(summary = "Search the audit trail, newest first",
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
	@Operation(summary = "One audit row",
			description = "404 for a row of another tenant unless the caller has ops:read.")
	ActivityItem one(@PathVariable long id, @Parameter(hidden = true) HubPrincipal caller) {
		return this.search.findById(id, ActivityFilter.visibleTenant(caller, null))
			.orElseThrow(() -> new ActivityNotFound(id));
	}

}
