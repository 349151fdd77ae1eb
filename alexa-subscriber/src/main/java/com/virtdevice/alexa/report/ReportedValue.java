package com.virtdevice.alexa.report;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * One property of a ChangeReport, converted.
 *
 * @param property where it goes in Alexa's state
 * @param value the wire value
 * @param timeOfSample when the value was known to be true
 */
public record ReportedValue(AlexaStateProperty property, JsonNode value, Instant timeOfSample) {

}
