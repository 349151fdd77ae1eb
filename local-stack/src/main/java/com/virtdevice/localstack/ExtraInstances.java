package com.virtdevice.localstack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./run-local --instances event-publisher=2,dashboard-ws=2}: how many instances of
 * each service the launcher runs ({@code VIRTDEVICE_LOCAL_STACK_INSTANCES}, which the
 * script sets from the option). Only the services that may run several instances today
 * are accepted (docs/operations.md, "Scaling"): event-publisher (every instance serves
 * the API, one relays), dashboard-ws (any instance resumes a browser) and activity-log
 * (the unique event id keeps one audit row). alexa-subscriber and ifttt-subscriber are
 * refused: each instance would send every ChangeReport and notification again.
 *
 * @param counts the instances of each named service, at least 1 and at most
 * {@link #MAX_PER_SERVICE}; services not named run one
 */
record ExtraInstances(Map<String, Integer> counts) {

	static final String VARIABLE = "VIRTDEVICE_LOCAL_STACK_INSTANCES";

	static final int MAX_PER_SERVICE = 4;

	static final Set<String> SCALABLE = Set.of("event-publisher", "dashboard-ws", "activity-log");

	static final ExtraInstances NONE = new ExtraInstances(Map.of());

	ExtraInstances {
		counts = Map.copyOf(counts);
	}

	static ExtraInstances fromEnvironment(Map<String, String> env) {
		String value = env.get(VARIABLE);
		return (value == null || value.isBlank()) ? NONE : parse(value);
	}

	/**
	 * Parses {@code service=count[,service=count…]}.
	 * @throws IllegalArgumentException naming what is wrong and what is allowed
	 */
	static ExtraInstances parse(String value) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String part : value.split(",")) {
			String[] pair = part.trim().split("=", -1);
			if (pair.length != 2 || pair[0].isBlank()) {
				throw new IllegalArgumentException(
						"--instances takes service=count pairs separated by commas, e.g. event-publisher=2,dashboard-ws=2; got '"
								+ part.trim() + "'");
			}
			String service = pair[0].trim();
			if (!LocalStack.SERVICES.contains(service)) {
				throw new IllegalArgumentException(
						"--instances: no service '" + service + "'; the services are " + LocalStack.SERVICES);
			}
			int count;
			try {
				count = Integer.parseInt(pair[1].trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"--instances: '" + pair[1].trim() + "' is not a number of instances of " + service);
			}
			if (count < 1 || count > MAX_PER_SERVICE) {
				throw new IllegalArgumentException("--instances: " + service + "=" + count + " is out of range; 1 to "
						+ MAX_PER_SERVICE + " instances of a service on one machine");
			}
			if (count > 1 && !SCALABLE.contains(service)) {
				throw new IllegalArgumentException("--instances: " + service + " runs as one instance only: a second "
						+ "would send every " + (service.equals("alexa-subscriber") ? "ChangeReport" : "notification")
						+ " again (docs/operations.md, \"Scaling\"); event-publisher, dashboard-ws and activity-log "
						+ "may run several");
			}
			if (counts.putIfAbsent(service, count) != null) {
				throw new IllegalArgumentException("--instances names " + service + " twice");
			}
		}
		return new ExtraInstances(counts);
	}

	/** Instances to start beyond the stack's own one of {@code service}. */
	int extraOf(String service) {
		return this.counts.getOrDefault(service, 1) - 1;
	}

}
