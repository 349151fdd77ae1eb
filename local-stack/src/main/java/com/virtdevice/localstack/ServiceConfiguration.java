package com.virtdevice.localstack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The properties each service runs with in the local stack: the stack's Redis, database
 * and secret, the dev sign-in, the publisher's URL, and every outside service pointed at
 * the sandbox.
 */
final class ServiceConfiguration {

	/** The IFTTT service key the local stack's ifttt-subscriber expects. */
	static final String IFTTT_SERVICE_KEY = "local-ifttt-service-key";

	private ServiceConfiguration() {
	}

	static Map<String, String> of(String service, LocalStack stack) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.url", stack.redisUrlFor(service));
		properties.put("virtdevice.security.jwt.secret", stack.jwtSecret());
		// The dashboard's local sign-in, and every service accepting its tokens: local
		// only.
		properties.put("virtdevice.security.jwt.dev-sign-in.enabled", "true");
		properties.put("virtdevice.redis.channel-namespace", stack.options().channelNamespace());
		properties.put("virtdevice.publisher.url", stack.url("event-publisher"));
		if (!service.equals("dashboard-ws")) {
			properties.put("spring.datasource.url", stack.datasourceUrl());
			properties.put("spring.datasource.username", stack.datasourceUsernameFor(service));
			properties.put("spring.datasource.password", stack.datasourcePasswordFor(service));
		}
		String sandbox = stack.sandbox().baseUrl();
		switch (service) {
			case "event-publisher" -> {
				properties.put("virtdevice.publisher.public-url", stack.url("event-publisher"));
				properties.put("virtdevice.publisher.webhook.secret-key", stack.webhookSecretKey());
				// The dashboard under whichever host name the browser opened it with,
				// from
				// every dashboard-ws instance (--instances).
				properties.put("virtdevice.web.cors-allowed-origins",
						stack.dashboardPorts()
							.stream()
							.map((port) -> "http://*:" + port)
							.collect(Collectors.joining(",")));
			}
			case "alexa-subscriber" -> {
				properties.put("virtdevice.alexa.event-gateway.na", sandbox + Sandbox.alexaPath("na"));
				properties.put("virtdevice.alexa.event-gateway.eu", sandbox + Sandbox.alexaPath("eu"));
				properties.put("virtdevice.alexa.event-gateway.fe", sandbox + Sandbox.alexaPath("fe"));
				properties.put("virtdevice.alexa.lwa-token-url", sandbox + Sandbox.LWA_TOKEN_PATH);
				properties.put("virtdevice.alexa.client-id", "sandbox-client");
				properties.put("virtdevice.alexa.client-secret", "sandbox-client-secret");
				properties.put("virtdevice.alexa.token-encryption-key", stack.alexaTokenKey());
			}
			case "ifttt-subscriber" -> {
				properties.put("virtdevice.ifttt.realtime-url", sandbox + Sandbox.IFTTT_PATH);
				properties.put("virtdevice.ifttt.service-key", IFTTT_SERVICE_KEY);
			}
			case "dashboard-ws" -> {
				properties.put("virtdevice.dashboard.publisher-browser-url", stack.url("event-publisher"));
			}
			default -> {
			}
		}
		return properties;
	}

}
