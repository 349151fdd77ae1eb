package com.virtdevice.alexa.report;

import tools.jackson.databind.JsonNode;

/** Turns a stored VirtDevice value (always a string) into its Alexa wire value. */
@FunctionalInterface
interface ValueConverter {

	/**
	 * @throws UnconvertibleValue if the value has no Alexa form
	 */
	JsonNode convert(String value);

}
