package com.virtdevice.support;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class HubDefaultsEnvironmentPostProcessorTest {

	private final HubDefaultsEnvironmentPostProcessor processor = new HubDefaultsEnvironmentPostProcessor();

	@Test
	void mapsTheSpecsShortEnvironmentVariablesAtTheLowestPrecedence() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MockPropertySource().withProperty("REDIS_URL", "redis://cache:6380"));

		this.processor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.data.redis.url")).isNull();
		assertThat(environment.getProperty("spring.data.redis.host")).isEqualTo("cache");
		assertThat(environment.getProperty("spring.data.redis.port")).isEqualTo("6380");
		assertThat(environment.getProperty("spring.data.redis.ssl.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("spring.data.redis.username")).isNull();
		assertThat(environment.getProperty("management.endpoints.web.exposure.include")).contains("prometheus");
		assertThat(environment.getProperty("management.observations.enable.spring.security")).isEqualTo("false");
	}

	@Test
	void takesCredentialsAndTlsFromRedisUrlButLetsTheStandardPropertiesOverrideThem() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MockPropertySource().withProperty("REDIS_URL", "rediss://activity-log:p%40ss@bus:6390/2")
				.withProperty("spring.data.redis.password", "from-a-secret-store"));

		this.processor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.data.redis.host")).isEqualTo("bus");
		assertThat(environment.getProperty("spring.data.redis.port")).isEqualTo("6390");
		assertThat(environment.getProperty("spring.data.redis.database")).isEqualTo("2");
		assertThat(environment.getProperty("spring.data.redis.ssl.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("spring.data.redis.username")).isEqualTo("activity-log");
		assertThat(environment.getProperty("spring.data.redis.password")).isEqualTo("from-a-secret-store");
	}

	@Test
	void aRedisUrlWithOnlyAPasswordAuthenticatesTheDefaultUserAsRedisClientsDo() {
		assertThat(RedisUrl.parse("redis://s3cret@cache").asProperties())
			.containsEntry("spring.data.redis.password", "s3cret")
			.doesNotContainKey("spring.data.redis.username")
			.containsEntry("spring.data.redis.port", "6379");
	}

	@Test
	void anythingElseWinsOverTheHubsDefaults() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MockPropertySource().withProperty("spring.data.redis.url", "redis://given:1"));

		this.processor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.data.redis.url")).isEqualTo("redis://given:1");
	}

	@Test
	void anApplicationsOwnDefaultPropertiesWinToo() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("defaultProperties", Map.of("spring.datasource.username", "app-user")));

		this.processor.postProcessEnvironment(environment, new SpringApplication());
		this.processor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("app-user");
		assertThat(environment.getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:postgresql://localhost:5432/virtdevice");
		assertThat(environment.getPropertySources()
			.stream()
			.filter((source) -> source.getName().equals("defaultProperties"))).hasSize(1);
	}

}
