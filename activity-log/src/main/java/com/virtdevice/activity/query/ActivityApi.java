package com.virtdevice.activity.query;

import com.virtdevice.support.security.HubPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * How {@code docs/openapi/activity-log.json} describes the query API; implemented by
 * {@link ActivityController}, so the controller reads as plain Spring MVC.
 */
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
interface ActivityApi {

	@Operation(operationId = "searchActivity", summary = "Search the audit trail, newest first",
			description = "Filters combine with AND. Pages are keyset-paginated: pass nextCursor as cursor for the "
					+ "next page; rows added meanwhile never shift a page. activity:read sees its own tenant "
					+ "(tenantId of another tenant: 403); ops:read sees all tenants or the one named by tenantId.")
	@Parameter(name = "tenantId", in = ParameterIn.QUERY,
			description = "Only this tenant. Needs ops:read unless it is the caller's own.")
	@Parameter(name = "deviceId", in = ParameterIn.QUERY, description = "Only this device")
	@Parameter(name = "userId", in = ParameterIn.QUERY, description = "Only this user's devices")
	@Parameter(name = "source", in = ParameterIn.QUERY, description = "Only changes from this source",
			schema = @Schema(allowableValues = { "alexa", "ifttt", "web", "api" }))
	@Parameter(name = "property", in = ParameterIn.QUERY, description = "Only changes of this property")
	@Parameter(name = "action", in = ParameterIn.QUERY, description = "Only this kind of event",
			schema = @Schema(allowableValues = { "property_changed", "device_created", "device_deleted" }))
	@Parameter(name = "from", in = ParameterIn.QUERY,
			description = "Only events at or after this instant (ISO-8601, e.g. 2026-11-27T12:00:00Z)")
	@Parameter(name = "to", in = ParameterIn.QUERY, description = "Only events before this instant (ISO-8601)")
	@Parameter(name = "limit", in = ParameterIn.QUERY,
			description = "Items per page, 1-" + ActivityQuery.MAX_LIMIT + " (default " + ActivityQuery.DEFAULT_LIMIT
					+ ")")
	@Parameter(name = "cursor", in = ParameterIn.QUERY, description = "The nextCursor of the previous page")
	@ApiResponse(responseCode = "200", description = "One page, newest first")
	ActivityPage search(@ParameterObject ActivityQuery query, @Parameter(hidden = true) HubPrincipal caller);

	@Operation(operationId = "getActivity", summary = "One audit row",
			description = "404 for a row of another tenant unless the caller has ops:read.")
	@ApiResponse(responseCode = "200", description = "The row")
	@ApiResponse(responseCode = "404", description = "No such row in the caller's tenant",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					schema = @Schema(implementation = ProblemDetail.class)))
	ActivityItem one(long id, @Parameter(hidden = true) HubPrincipal caller);

}
