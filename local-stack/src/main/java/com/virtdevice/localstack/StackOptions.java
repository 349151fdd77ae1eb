package com.virtdevice.localstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How to run the stack.
 *
 * @param servicesDirectory where the services' jars are ({@code <service>.jar})
 * @param workDirectory logs, the database's files, the stack's secret
 * @param fixedPorts SPEC ports (8081–8085, sandbox 8090) or free ports (tests)
 * @param redisUrl an existing Redis, or {@code null} to start one
 * @param datasourceUrl an existing PostgreSQL database, or {@code null} to start one
 * @param datasourceUsername its user
 * @param datasourcePassword its password
 * @param channelNamespace Redis channel namespace (empty: the SPEC names)
 * @param seedDemoData create the demo user's devices and Alexa link on first start
 * @param tuning per service: JVM options and extra properties (e.g. a benchmark's larger
 * heap); a service not named here runs with the fast-start defaults
 * @param jwtSecret the HS256 secret the services verify tokens with (and the stack signs
 * its own with), e.g. the user's issuer's; {@code null} for the stack's own random one,
 * kept in the work directory
 */
public record StackOptions(Path servicesDirectory, Path workDirectory, boolean fixedPorts, @Nullable String redisUrl,
		@Nullable String datasourceUrl, String datasourceUsername, String datasourcePassword, String channelNamespace,
		boolean seedDemoData, Map<String, ServiceTuning> tuning, @Nullable String jwtSecret) {

	/** What HS256 needs, as the services check it (docs/contract.md §8). */
	static final int MIN_SECRET_BYTES = 32;

	/**
	 * JVM options for a quick start on a small machine, when no tuning says otherwise.
	 */
	static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
			"-Xmx384m");

	public StackOptions {
		tuning = Map.copyOf(tuning);
		if (jwtSecret != null && jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException(
					"VIRTDEVICE_JWT_SECRET is " + jwtSecret.getBytes(StandardCharsets.UTF_8).length
							+ " bytes; HS256 needs at least " + MIN_SECRET_BYTES);
		}
	}

	/** Options with the stack's own secret. */
	public StackOptions(Path servicesDirectory, Path workDirectory, boolean fixedPorts, @Nullable String redisUrl,
			@Nullable String datasourceUrl, String datasourceUsername, String datasourcePassword,
			String channelNamespace, boolean seedDemoData, Map<String, ServiceTuning> tuning) {
		this(servicesDirectory, workDirectory, fixedPorts, redisUrl, datasourceUrl, datasourceUsername,
				datasourcePassword, channelNamespace, seedDemoData, tuning, null);
	}

	/** Options without per-service tuning. */
	public StackOptions(Path servicesDirectory, Path workDirectory, boolean fixedPorts, @Nullable String redisUrl,
			@Nullable String datasourceUrl, String datasourceUsername, String datasourcePassword,
			String channelNamespace, boolean seedDemoData) {
		this(servicesDirectory, workDirectory, fixedPorts, redisUrl, datasourceUrl, datasourceUsername,
				datasourcePassword, channelNamespace, seedDemoData, Map.of());
	}

	/** The same options with one service run with other JVM options and properties. */
	public StackOptions withTuning(String service, ServiceTuning serviceTuning) {
		Map<String, ServiceTuning> all = new HashMap<>(this.tuning);
		all.put(service, serviceTuning);
		return new StackOptions(this.servicesDirectory, this.workDirectory, this.fixedPorts, this.redisUrl,
				this.datasourceUrl, this.datasourceUsername, this.datasourcePassword, this.channelNamespace,
				this.seedDemoData, all, this.jwtSecret);
	}

	/**
	 * The same options with extra properties for one service (added to its tuning, with
	 * the default JVM options when it had none).
	 */
	public StackOptions withProperties(String service, Map<String, String> properties) {
		ServiceTuning current = tuningOf(service);
		Map<String, String> all = new HashMap<>(current.properties());
		all.putAll(properties);
		return withTuning(service, new ServiceTuning(current.javaOptions(), all));
	}

	/** How a service runs: its tuning, or the fast-start defaults. */
	ServiceTuning tuningOf(String service) {
		return this.tuning.getOrDefault(service, new ServiceTuning(DEFAULT_JAVA_OPTIONS, Map.of()));
	}

	/**
	 * JVM options and extra Spring properties for one service.
	 *
	 * @param javaOptions replace the defaults, e.g. {@code -Xmx1g}
	 * @param properties added to (and overriding) the stack's own configuration
	 */
	public record ServiceTuning(List<String> javaOptions, Map<String, String> properties) {

		public ServiceTuning {
			javaOptions = List.copyOf(javaOptions);
			properties = Map.copyOf(properties);
		}

	}

	/** The SPEC ports of the services. */
	static final Map<String, Integer> SPEC_PORTS = Map.of("event-publisher", 8081, "alexa-subscriber", 8082,
			"ifttt-subscriber", 8083, "dashboard-ws", 8084, "activity-log", 8085, "sandbox", 8090);

	/**
	 * {@code ./run-local}: SPEC ports (free ones with
	 * {@code VIRTDEVICE_LOCAL_STACK_PORTS=free}), work files in {@code .run-local}
	 * ({@code VIRTDEVICE_LOCAL_STACK_DIR}), servers and the JWT secret
	 * ({@code VIRTDEVICE_JWT_SECRET}) from the environment when given. A JWK set URI is
	 * refused rather than ignored: the stack signs its own tokens (demo data, the
	 * dashboard's local sign-in, the services' token for the replay API), which an
	 * issuer's keys would not verify.
	 */
	static StackOptions fromEnvironment(Map<String, String> env) {
		if (blankToNull(env.get("VIRTDEVICE_JWT_JWK_SET_URI")) != null) {
			throw new IllegalArgumentException("VIRTDEVICE_JWT_JWK_SET_URI is not supported by ./run-local: the local "
					+ "stack signs its own tokens with an HS256 secret. Give your issuer's secret as "
					+ "VIRTDEVICE_JWT_SECRET, or run the services with docker compose.");
		}
		Path services = Path.of(System.getProperty("virtdevice.local-stack.services", "local-stack/target/services"));
		boolean fixedPorts = !"free".equalsIgnoreCase(env.get("VIRTDEVICE_LOCAL_STACK_PORTS"));
		return new StackOptions(services, Path.of(env.getOrDefault("VIRTDEVICE_LOCAL_STACK_DIR", ".run-local")),
				fixedPorts, blankToNull(env.get("REDIS_URL")), blankToNull(env.get("SPRING_DATASOURCE_URL")),
				env.getOrDefault("SPRING_DATASOURCE_USERNAME", ""), env.getOrDefault("SPRING_DATASOURCE_PASSWORD", ""),
				"", true, Map.of(), blankToNull(env.get("VIRTDEVICE_JWT_SECRET")));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
