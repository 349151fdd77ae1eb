package com.virtdevice.publisher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.virtdevice.events.BusRole;
import com.virtdevice.events.Channels;
import com.virtdevice.publisher.ApiClient.Reply;
import com.virtdevice.testsupport.PostgresServer;
import com.virtdevice.testsupport.ServiceProcess;
import com.virtdevice.testsupport.TestDatabase;
import com.virtdevice.testsupport.TestInfrastructure;
import com.virtdevice.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged publisher while its PostgreSQL is stopped: REST calls fail fast with a 503
 * problem, not after Hikari's default 30 s wait, and the service recovers by itself when
 * the database is back.
 */
class DatabaseOutageIT {

	@Test
	void answers503ProblemWithinSecondsWhileTheDatabaseIsDownAndRecoversWithoutRestart() throws Exception {
		try (PostgresServer postgres = PostgresServer.embedded(Files.createTempDirectory("publisher-outage-"));
				ServiceProcess publisher = start(postgres.database("outage"))) {
			ApiClient alice = ApiClient.user(publisher.port(), "alice", "acme");
			String device = alice.createDevice("Lamp", "LIGHT", "{\"level\":\"0\"}");

			postgres.stop();
			long started = System.nanoTime();
			Reply put = alice.put("/api/devices/" + device + "/properties/level", "{\"value\":\"1\"}");
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			Reply patch = alice.patch("/api/devices/" + device + "/properties", "{\"values\":{\"level\":\"2\"}}",
					Map.of());

			assertThat(put.status()).isEqualTo(503);
			assertThat(put.isProblem()).isTrue();
			assertThat(put.header("Retry-After")).isNotNull();
			assertThat(took).isLessThan(Duration.ofSeconds(3));
			assertThat(patch.status()).isEqualTo(503);

			postgres.start();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> alice.put("/api/devices/" + device + "/properties/level", "{\"value\":\"3\"}")
					.status() == 200);
			assertThat(alice.get("/api/devices/" + device).json().path("properties").path("level").asString())
				.isEqualTo("3");
		}
	}

	private static ServiceProcess start(TestDatabase database) {
		String namespace = TestInfrastructure.newChannelNamespace();
		return ServiceProcess.jar(Path.of(System.getProperty("virtdevice.test.publisher-jar")))
			.name("event-publisher")
			.property("spring.datasource.url", database.jdbcUrl())
			.property("spring.datasource.username", database.username())
			.property("spring.datasource.password", database.password())
			.property("spring.data.redis.url",
					TestInfrastructure.redis().urlFor(BusRole.PUBLISHER, Channels.namespaced(namespace)))
			.property("virtdevice.redis.channel-namespace", namespace)
			.property("virtdevice.security.jwt.secret", TestTokens.SECRET)
			.start()
			.awaitHealthy(Duration.ofSeconds(120));
	}

}
