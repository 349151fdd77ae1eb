package com.virtdevice.activity.query;

import java.util.List;

import com.virtdevice.support.security.HubPrincipal;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit query API (docs/contract.md §6). Scope {@code activity:read} sees its own
 * tenant, {@code ops:read} every tenant ({@link ActivityFilter#visibleTenant}).
 */
@RestController
@RequestMapping(path = ActivityController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
class ActivityController implements ActivityApi {

	static final String PATH = "/api/activity";

	private final ActivitySearch search;

	ActivityController(ActivitySearch search) {
		this.search = search;
	}

	@Override
	@GetMapping
	public ActivityPage search(@Valid ActivityQuery query, HubPrincipal caller) {
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

	@Override
	@GetMapping("/{id}")
	public ActivityItem one(@PathVariable long id, HubPrincipal caller) {
		return this.search.findById(id, ActivityFilter.visibleTenant(caller, null))
			.orElseThrow(() -> new ActivityNotFound(id));
	}

}
