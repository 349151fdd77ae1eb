package com.virtdevice.alexa.delivery;

import java.util.List;
import java.util.UUID;

import com.virtdevice.support.web.HubProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What was sent to Alexa and what Alexa answered, for operators (scope {@code ops:read}).
 */
@RestController
@Validated
@RequestMapping("/api/alexa/deliveries")
@Tag(name = "Deliveries", description = "ChangeReports sent and the Event Gateway's answers (scope ops:read)")
class DeliveryController {

	private final Deliveries deliveries;

	DeliveryController(Deliveries deliveries) {
		this.deliveries = deliveries;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Reports by the event they carried, by device, or by outcome (e.g. DEAD_LETTERED)")
	@ApiResponse(responseCode = "200", description = "Matching deliveries, newest first")
	@ApiResponse(responseCode = "400", description = "No filter given, or a bad one",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "403", description = "The token lacks scope ops:read",
			content = @Content(mediaType = "application/problem+json"))
	DeliveryPage find(@Parameter(description = "an event the report carried") @RequestParam @Nullable UUID eventId,
			@Parameter(description = "the device (endpointId)") @RequestParam @Nullable String deviceId,
			@Parameter(description = "how the report ended") @RequestParam @Nullable DeliveryOutcome outcome,
			@Parameter(description = "at most this many, newest first") @RequestParam(
					defaultValue = "50") @Min(1) @Max(500) int limit) {
		if (eventId == null && deviceId == null && outcome == null) {
			throw new FilterRequired();
		}
		return new DeliveryPage(this.deliveries.find(new DeliveryQuery(eventId, deviceId, outcome, limit)));
	}

	/**
	 * Matching deliveries, newest first.
	 *
	 * @param items the deliveries
	 */
	record DeliveryPage(List<DeliveryView> items) {

	}

	/** A listing of every delivery was asked for. */
	static final class FilterRequired extends HubProblem {

		private static final long serialVersionUID = 1L;

		FilterRequired() {
			super(HttpStatus.BAD_REQUEST, "Give eventId, deviceId or outcome");
		}

	}

}
