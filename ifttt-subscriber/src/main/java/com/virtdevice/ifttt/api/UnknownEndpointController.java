package com.virtdevice.ifttt.api;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any other {@code /ifttt/v1} path (actions, queries, field options this service does not
 * have): 404 in IFTTT's format, as IFTTT expects.
 */
@RestController
@Hidden
class UnknownEndpointController {

	@RequestMapping(IftttPaths.BASE + "/**")
	void unknown() {
		throw new UnknownEndpoint("This service has no such endpoint");
	}

}
