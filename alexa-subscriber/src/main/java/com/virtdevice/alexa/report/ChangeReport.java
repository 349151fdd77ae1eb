package com.virtdevice.alexa.report;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@code Alexa.ChangeReport} (payload version 3) as Amazon's message schema describes
 * it: the changed properties in {@code event.payload.change.properties}, the device's
 * other properties in the top-level {@code context.properties}.
 */
public final class ChangeReport {

	/** What Amazon accepts as an {@code endpointId}. */
	private static final Pattern ENDPOINT_ID = Pattern.compile("[A-Za-z0-9_\\-=#;:?@&]{1,256}");

	/** What stored copies show instead of the scope token. */
	public static final String REDACTED = "(redacted)";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private ChangeReport() {
	}

	/** Whether a device id can be an Alexa {@code endpointId}. */
	public static boolean isValidEndpointId(String deviceId) {
		return ENDPOINT_ID.matcher(deviceId).matches();
	}

	/** The message, ready to send. */
	public static ObjectNode message(UUID messageId, String endpointId, String scopeToken, ChangeCause cause,
			List<ReportedValue> changed, List<ReportedValue> context, long uncertaintyInMilliseconds) {
		ObjectNode message = NODES.objectNode();
		message.putObject("context").set("properties", properties(context, uncertaintyInMilliseconds));
		ObjectNode event = message.putObject("event");
		ObjectNode header = event.putObject("header");
		header.put("namespace", "Alexa");
		header.put("name", "ChangeReport");
		header.put("payloadVersion", "3");
		header.put("messageId", messageId.toString());
		ObjectNode endpoint = event.putObject("endpoint");
		ObjectNode scope = endpoint.putObject("scope");
		scope.put("type", "BearerToken");
		scope.put("token", scopeToken);
		endpoint.put("endpointId", endpointId);
		ObjectNode change = event.putObject("payload").putObject("change");
		change.putObject("cause").put("type", cause.name());
		change.set("properties", properties(changed, uncertaintyInMilliseconds));
		return message;
	}

	/** A copy fit for storage and logs: the scope token replaced. */
	public static ObjectNode redacted(ObjectNode message) {
		ObjectNode copy = message.deepCopy();
		if (copy.path("event").path("endpoint").path("scope") instanceof ObjectNode scope && scope.has("token")) {
			scope.put("token", REDACTED);
		}
		return copy;
	}

	/** ISO-8601 UTC with at most three fraction digits, as Amazon's schema demands. */
	public static String timeOfSample(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
	}

	private static ArrayNode properties(List<ReportedValue> values, long uncertainty) {
		ArrayNode array = NODES.arrayNode();
		for (ReportedValue value : values) {
			ObjectNode property = array.addObject();
			property.put("namespace", value.property().namespace());
			if (value.property().instance() != null) {
				property.put("instance", value.property().instance());
			}
			property.put("name", value.property().name());
			property.set("value", value.value());
			property.put("timeOfSample", timeOfSample(value.timeOfSample()));
			property.put("uncertaintyInMilliseconds", uncertainty);
		}
		return array;
	}

}
