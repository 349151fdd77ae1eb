package com.virtdevice.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.virtdevice.events.BusRole;
import com.virtdevice.events.Channels;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Points a Spring context at real servers; see {@link RealInfrastructure}. Each context
 * gets its own database and channel namespace, so cached contexts never share state.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The property that namespaces every Redis channel and key a service uses. */
	public static final String CHANNEL_NAMESPACE_PROPERTY = "virtdevice.redis.channel-namespace";

	/** The property holding the HS256 secret services verify tokens with. */
	public static final String JWT_SECRET_PROPERTY = "virtdevice.security.jwt.secret";

	private static final Set<String> OVERRIDING_SOURCES = Set.of("Inlined Test Properties", "Dynamic Test Properties");

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestDatabase database = TestInfrastructure.newDatabase();
		String namespace = givenNamespace(context);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.url",
				redisUrlFor(context.getEnvironment().getProperty("spring.application.name", ""), namespace));
		properties.put("spring.datasource.url", database.jdbcUrl());
		if (!database.username().isEmpty()) {
			properties.put("spring.datasource.username", database.username());
			properties.put("spring.datasource.password", database.password());
		}
		properties.put(CHANNEL_NAMESPACE_PROPERTY, namespace);
		properties.put(JWT_SECRET_PROPERTY, TestTokens.SECRET);
		addBelowTestProperties(context.getEnvironment().getPropertySources(),
				new MapPropertySource("virtdevice-real-infrastructure", properties));
	}

	/**
	 * The namespace a test set itself (a {@code @DynamicPropertySource}, to share it with
	 * a fake publisher), or a new one.
	 */
	private static String givenNamespace(ConfigurableApplicationContext context) {
		String given = context.getEnvironment().getProperty(CHANNEL_NAMESPACE_PROPERTY);
		return (given != null && !given.isBlank()) ? given : TestInfrastructure.newChannelNamespace();
	}

	/**
	 * A hub service connects as the Redis user of its role on the context's namespace;
	 * anything else (a test application) with every right.
	 */
	private static String redisUrlFor(String applicationName, String namespace) {
		try {
			return TestInfrastructure.redis()
				.urlFor(BusRole.ofService(applicationName), Channels.namespaced(namespace));
		}
		catch (IllegalArgumentException notAHubService) {
			return TestInfrastructure.redisUrl();
		}
	}

	private static void addBelowTestProperties(MutablePropertySources sources, MapPropertySource infrastructure) {
		String lowest = null;
		for (PropertySource<?> source : sources) {
			if (OVERRIDING_SOURCES.contains(source.getName())) {
				lowest = source.getName();
			}
		}
		if (lowest == null) {
			sources.addFirst(infrastructure);
		}
		else {
			sources.addAfter(lowest, infrastructure);
		}
	}

}
