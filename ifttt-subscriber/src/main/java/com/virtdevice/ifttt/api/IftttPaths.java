package com.virtdevice.ifttt.api;

/** The paths of IFTTT's service protocol (base {@code /ifttt/v1}). */
final class IftttPaths {

	static final String BASE = "/ifttt/v1";

	static final String STATUS = BASE + "/status";

	static final String USER_INFO = BASE + "/user/info";

	static final String TEST_SETUP = BASE + "/test/setup";

	static final String TRIGGER = BASE + "/triggers/{slug}";

	static final String TRIGGER_IDENTITY = BASE + "/triggers/{slug}/trigger_identity/{identity}";

	static final String TRIGGERS_PATTERN = BASE + "/triggers/*";

	static final String TRIGGER_IDENTITY_PATTERN = BASE + "/triggers/*/trigger_identity/*";

	/** The one trigger this service offers. */
	static final String DEVICE_PROPERTY_CHANGED = "device_property_changed";

	private IftttPaths() {
	}

}
