package com.virtdevice.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the hub's shared defaults ({@code virtdevice-defaults.properties}) with the lowest
 * precedence, so any service setting, environment variable or argument overrides them.
 * This is also where the SPEC's short environment variables ({@code REDIS_URL},
 * {@code VIRTDEVICE_JWT_SECRET}) map to properties.
 */
class HubDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "virtdevice-defaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(SOURCE_NAME)) {
			return;
		}
		try {
			for (PropertySource<?> source : new PropertiesPropertySourceLoader().load(SOURCE_NAME,
					new ClassPathResource("virtdevice-defaults.properties"))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read virtdevice-defaults.properties", ex);
		}
	}

}
