package com.virtdevice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Adds the hub's shared defaults ({@code virtdevice-defaults.properties}) to Spring
 * Boot's lowest-precedence {@code defaultProperties}, so any service setting, environment
 * variable, argument — or default an application sets itself — overrides them. This is
 * also where the SPEC's short environment variables ({@code REDIS_URL},
 * {@code VIRTDEVICE_JWT_SECRET}) map to properties. {@code REDIS_URL} becomes
 * {@code spring.data.redis.host}, {@code port}, {@code database}, {@code ssl.enabled}
 * and, when it carries them, {@code username} and {@code password}: credentials given as
 * {@code spring.data.redis.username}/{@code password} (say, from a secret store) then
 * still apply, which a {@code spring.data.redis.url} would prevent.
 */
class HubDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/**
	 * Spring Boot's lowest-precedence source, where the hub's defaults join the
	 * application's own.
	 */
	static final String DEFAULT_PROPERTIES = "defaultProperties";

	static final String MARKER = "virtdevice.defaults.applied";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> existing = sources.get(DEFAULT_PROPERTIES);
		if (existing != null && existing.containsProperty(MARKER)) {
			return;
		}
		Map<String, Object> merged = new LinkedHashMap<>(hubDefaults());
		String redisUrl = environment.getProperty("REDIS_URL");
		if (redisUrl != null && !redisUrl.isBlank()) {
			merged.putAll(RedisUrl.parse(redisUrl).asProperties());
		}
		merged.put(MARKER, "true");
		if (existing instanceof MapPropertySource applicationDefaults) {
			// An application's own defaults (SpringApplication#setDefaultProperties) win.
			merged.putAll(applicationDefaults.getSource());
			sources.replace(DEFAULT_PROPERTIES, new MapPropertySource(DEFAULT_PROPERTIES, merged));
		}
		else {
			sources.addLast(new MapPropertySource(DEFAULT_PROPERTIES, merged));
		}
	}

	private static Map<String, Object> hubDefaults() {
		try {
			Properties properties = PropertiesLoaderUtils
				.loadProperties(new ClassPathResource("virtdevice-defaults.properties"));
			Map<String, Object> defaults = new LinkedHashMap<>();
			properties.stringPropertyNames().forEach((name) -> defaults.put(name, properties.getProperty(name)));
			return defaults;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read virtdevice-defaults.properties", ex);
		}
	}

}
