package com.virtdevice.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.virtdevice.events.BusAccess;
import com.virtdevice.events.BusRole;
import com.virtdevice.events.Channels;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Docker is not available on every machine that builds the hub, so the compose file is
 * checked here: every SPEC service is there, built from this repository, on its SPEC
 * port, configured through the environment, health-checked and started in dependency
 * order — and no secret is committed.
 */
class DockerComposeTest {

	private static final Path ROOT = Path.of("..");

	private static final Map<String, Integer> SERVICES = Map.of("event-publisher", 8081, "alexa-subscriber", 8082,
			"ifttt-subscriber", 8083, "dashboard-ws", 8084, "activity-log", 8085);

	private static final Set<String> WITH_DATABASE = Set.of("event-publisher", "alexa-subscriber", "ifttt-subscriber",
			"activity-log");

	private final Map<String, Object> compose = load();

	@Test
	void runsRedis7AndPostgres17WithHealthChecks() {
		assertThat(service("redis").get("image")).isEqualTo("redis:7");
		assertThat(service("postgres").get("image")).isEqualTo("postgres:17");
		assertThat(service("redis")).containsKey("healthcheck");
		assertThat(service("postgres")).containsKey("healthcheck");
	}

	@Test
	void everyServiceIsBuiltFromThisRepositoryAndListensOnItsSpecPort() {
		assertThat(services().keySet()).containsAll(SERVICES.keySet());
		SERVICES.forEach((name, port) -> {
			Map<String, Object> service = service(name);
			assertThat(map(map(service.get("build")).get("args")).get("MODULE")).as(name).isEqualTo(name);
			assertThat(map(service.get("build")).get("context")).isEqualTo(".");
			assertThat(service.get("ports")).as(name).isEqualTo(List.of(port + ":" + port));
			assertThat(map(service.get("healthcheck")).get("test").toString()).as(name)
				.contains("/dev/tcp/127.0.0.1/" + port, "/actuator/health");
		});
	}

	@Test
	void everyServiceIsConfiguredThroughTheEnvironmentAsTheSpecSays() {
		SERVICES.keySet().forEach((name) -> {
			Map<String, Object> environment = map(service(name).get("environment"));
			assertThat(environment).as(name)
				.containsEntry("REDIS_URL",
						"redis://" + name + ":${" + passwordVariable(name) + ":?set " + passwordVariable(name)
								+ " in .env}@redis:6379")
				.containsEntry("SPRING_PROFILES_ACTIVE", "prod")
				.containsEntry("VIRTDEVICE_PUBLISHER_URL", "http://event-publisher:8081")
				.containsKey("VIRTDEVICE_JWT_SECRET");
			if (WITH_DATABASE.contains(name)) {
				assertThat(environment).as(name)
					.containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/virtdevice");
			}
			else {
				assertThat(environment).as(name).doesNotContainKey("SPRING_DATASOURCE_URL");
			}
		});
		assertThat(map(service("alexa-subscriber").get("environment"))).containsKeys("VIRTDEVICE_ALEXA_CLIENT_ID",
				"VIRTDEVICE_ALEXA_CLIENT_SECRET", "VIRTDEVICE_ALEXA_TOKEN_ENCRYPTION_KEY");
		assertThat(map(service("ifttt-subscriber").get("environment"))).containsKey("VIRTDEVICE_IFTTT_SERVICE_KEY");
		assertThat(map(service("event-publisher").get("environment")))
			.containsKey("VIRTDEVICE_PUBLISHER_WEBHOOK_SECRET_KEY");
	}

	@Test
	void redisRunsWithTheDefaultUserOffAndOneLeastPrivilegedUserPerService() throws IOException {
		Map<String, Object> redis = service("redis");
		assertThat(redis.get("entrypoint")).isEqualTo(List.of("/bin/sh", "/etc/virtdevice/start.sh"));
		assertThat(redis.get("volumes")).isEqualTo(List.of("./docker/redis:/etc/virtdevice:ro"));
		assertThat(Files.exists(ROOT.resolve("docker/redis/start.sh"))).isTrue();
		List<String> users = Files.readAllLines(ROOT.resolve("docker/redis/users.acl.template"))
			.stream()
			.filter((line) -> !line.startsWith("#"))
			.toList();
		List<String> expected = new java.util.ArrayList<>(
				List.of(BusAccess.defaultUserOff(), "user admin on >__REDIS_ADMIN_PASSWORD__ ~* &* +@all"));
		for (String service : LocalStack.SERVICES) {
			expected.add(BusAccess.aclFileLine(service, "__" + passwordVariable(service) + "__",
					BusRole.ofService(service), Channels.standard()));
			assertThat(map(redis.get("environment"))).containsKey(passwordVariable(service));
		}
		assertThat(users).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(map(redis.get("healthcheck")).get("test").toString()).contains("--user admin");
	}

	@Test
	void postgresGivesEachServiceItsOwnRoleOwningOnlyItsSchemaAndNoServiceTheSuperuser() throws IOException {
		Map<String, Object> postgres = service("postgres");
		assertThat(postgres.get("volumes").toString()).contains("./docker/postgres:/docker-entrypoint-initdb.d:ro");
		String superuser = map(postgres.get("environment")).get("POSTGRES_USER").toString();
		String init = Files.readString(ROOT.resolve("docker/postgres/create-roles.sh"));
		assertThat(init).contains("REVOKE ALL ON DATABASE", "REVOKE ALL ON SCHEMA public FROM PUBLIC")
			.contains("CREATE ROLE " + DatabaseRoles.OPERATOR + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
		DatabaseRoles.SCHEMAS.forEach((service, schema) -> {
			String role = DatabaseRoles.roleOf(service);
			String variable = "POSTGRES_" + schema.toUpperCase(java.util.Locale.ROOT) + "_PASSWORD";
			assertThat(map(service(service).get("environment"))).as(service)
				.containsEntry("SPRING_DATASOURCE_USERNAME", role)
				.containsEntry("SPRING_DATASOURCE_PASSWORD", "${" + variable + ":?set " + variable + " in .env}");
			assertThat(map(postgres.get("environment"))).containsKey(variable);
			assertThat(init).contains("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE",
					"CREATE SCHEMA " + schema + " AUTHORIZATION " + role + ";");
		});
		services().forEach((name, service) -> assertThat(String.valueOf(map(service).get("environment"))).as(name)
			.doesNotContain("SPRING_DATASOURCE_USERNAME=" + superuser));
	}

	private static String passwordVariable(String service) {
		return "REDIS_" + service.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_PASSWORD";
	}

	@Test
	void servicesStartOnlyWhenWhatTheyNeedIsHealthy() {
		assertThat(map(service("event-publisher").get("depends_on"))).containsOnlyKeys("redis", "postgres");
		SERVICES.keySet().stream().filter((name) -> !name.equals("event-publisher")).forEach((name) -> {
			Map<String, Object> dependsOn = map(service(name).get("depends_on"));
			assertThat(map(dependsOn.get("event-publisher")).get("condition")).as(name).isEqualTo("service_healthy");
		});
		map(service("event-publisher").get("depends_on"))
			.forEach((name, condition) -> assertThat(map(condition).get("condition")).isEqualTo("service_healthy"));
	}

	@Test
	void commitsNoSecretAndDocumentsEveryVariableInEnvExample() throws IOException {
		String text = Files.readString(ROOT.resolve("docker-compose.yml"));
		services().forEach((name, service) -> {
			Object environment = map(service).get("environment");
			if (environment != null) {
				map(environment).forEach((key, value) -> {
					if (key.matches(".*(PASSWORD|SECRET|KEY).*")) {
						assertThat(value.toString()).as(name + " " + key).startsWith("${");
					}
				});
			}
		});
		Set<String> variables = new TreeSet<>();
		Matcher reference = Pattern.compile("\\$\\{([A-Z_]+)").matcher(text);
		while (reference.find()) {
			variables.add(reference.group(1));
		}
		String example = Files.readString(ROOT.resolve(".env.example"));
		variables.stream()
			.filter((variable) -> !variable.equals("VIRTDEVICE_VERSION"))
			.forEach((variable) -> assertThat(example).as(variable).contains(variable + "="));
		assertThat(Files.readString(ROOT.resolve(".gitignore"))).contains(".env");
	}

	@Test
	void theImageRunsALayeredJarOnAJreAsAnUnprivilegedUser() throws IOException {
		String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));

		assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre", "extract --layers", "USER virtdevice",
				"org.springframework.boot.loader.launch.JarLauncher");
		assertThat(dockerfile.lines().filter((line) -> line.startsWith("USER ")).toList()).doesNotContain("USER root");
	}

	private Map<String, Object> services() {
		return map(this.compose.get("services"));
	}

	private Map<String, Object> service(String name) {
		return map(services().get(name));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	private static Map<String, Object> load() {
		try {
			LoaderOptions options = new LoaderOptions();
			options.setAllowDuplicateKeys(false);
			return new Yaml(options).load(Files.readString(ROOT.resolve("docker-compose.yml")));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
