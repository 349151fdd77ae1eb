package com.virtdevice.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * One line when a service is ready: what it is, where it listens, and which Redis,
 * database and channel namespace it uses (never passwords or tokens).
 */
class HubStartupLog implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(HubStartupLog.class);

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		boolean hasDatabase = event.getApplicationContext().getBeanNamesForType(javax.sql.DataSource.class).length > 0;
		String namespace = environment.getProperty("virtdevice.redis.channel-namespace", "");
		log.info("{} ready on port {} — redis {}, database {}, channel namespace {}",
				environment.getProperty("spring.application.name", "service"),
				environment.getProperty("local.server.port", environment.getProperty("server.port", "?")),
				withoutCredentials(environment.getProperty("spring.data.redis.url", "(none)")),
				hasDatabase ? withoutCredentials(environment.getProperty("spring.datasource.url", "(none)")) : "(none)",
				namespace.isEmpty() ? "(none: SPEC channel names)" : "'" + namespace + "'");
	}

	static String withoutCredentials(String url) {
		return url.replaceAll("//[^/@]*@", "//***@").replaceAll("(?i)(password=)[^&]*", "$1***");
	}

}
