package com.virtdevice.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.virtdevice.events.Channels;
import com.virtdevice.testsupport.FreePorts;
import com.virtdevice.testsupport.PostgresServer;
import com.virtdevice.testsupport.RedisServerProcess;
import com.virtdevice.testsupport.ServiceProcess;
import com.virtdevice.testsupport.TestDatabase;
import com.virtdevice.testsupport.TestRedis;
import org.jspecify.annotations.Nullable;

/**
 * The whole hub on one machine. {@link #main} is {@code ./run-local}: it starts
 * everything, waits until every service is healthy, prints where to go, and stops
 * everything on Ctrl-C. Tests start it with {@link #start(StackOptions, PrintStream)}.
 */
public final class LocalStack implements AutoCloseable {

	/**
	 * The services, in start order: the publisher first, the others need its replay API.
	 */
	/** The embedded Redis's admin URL (every right), in the work directory. */
	static final String REDIS_ADMIN_URL_FILE = "redis-admin.url";

	/** The embedded PostgreSQL's per-service role passwords, in the work directory. */
	static final String DATABASE_PASSWORDS_FILE = "postgres-roles.properties";

	public static final List<String> SERVICES = List.of("event-publisher", "activity-log", "alexa-subscriber",
			"ifttt-subscriber", "dashboard-ws");

	/**
	 * How long a service may take to become healthy: 5 minutes, or the seconds in the
	 * system property {@code virtdevice.local-stack.healthy-within-seconds} (a busy
	 * shared machine starting four JVMs at once can need more).
	 */
	private static final Duration HEALTHY_WITHIN = Duration
		.ofSeconds(Long.getLong("virtdevice.local-stack.healthy-within-seconds", 300));

	/**
	 * How long a service that records its class data sharing archive may take to stop.
	 */
	private static final Duration RECORDING_STOP_GRACE = Duration.ofSeconds(120);

	private final StackOptions options;

	private final PrintStream out;

	private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	private final Map<String, Double> secondsToHealthy = new ConcurrentHashMap<>();

	/**
	 * The instances {@code --instances} adds, e.g. {@code dashboard-ws-2}, and their
	 * ports.
	 */
	private final Map<String, Integer> extraInstances = new LinkedHashMap<>();

	private final ClassDataSharing classDataSharing;

	private final Map<String, ClassDataSharing.Launch> launches = new ConcurrentHashMap<>();

	private @Nullable RedisServerProcess redis;

	/** Creates each service's own Redis user; null when the given Redis cannot. */
	private @Nullable TestRedis bus;

	private @Nullable PostgresServer postgres;

	private @Nullable Sandbox sandbox;

	private String redisUrl = "";

	private String datasourceUrl = "";

	private String datasourceUsername = "";

	private String datasourcePassword = "";

	/** Each database role's password; empty when every service uses the given user. */
	private Map<String, String> databasePasswords = Map.of();

	private String secret = "";

	private String alexaTokenKey = "";

	private String webhookSecretKey = "";

	private long startedAt;

	private long healthyAt;

	private @Nullable DemoData demo;

	private LocalStack(StackOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
		this.classDataSharing = new ClassDataSharing(options.servicesDirectory());
	}

	public static void main(String[] args) {
		StackOptions options;
		ExtraInstances instances;
		try {
			options = StackOptions.fromEnvironment(System.getenv());
			instances = ExtraInstances.fromEnvironment(System.getenv());
		}
		catch (IllegalArgumentException ex) {
			System.err.println("run-local: could not start: " + ex.getMessage());
			System.exit(1);
			return;
		}
		LocalStack stack = new LocalStack(options, System.out);
		Runtime.getRuntime().addShutdownHook(new Thread(stack::stopOnSignal, "local-stack-stop"));
		try {
			stack.reserveExtraInstances(instances);
			stack.run();
			stack.startExtraInstances();
		}
		catch (RuntimeException ex) {
			System.err.println();
			System.err.println("run-local: could not start: "
					+ ((ex instanceof StackFailure) ? ex.getMessage() : rootMessage(ex)));
			if (rootMessage(ex).contains("could not lock")) {
				System.err.println("Is another ./run-local using " + stack.options.workDirectory().toAbsolutePath()
						+ "? Stop it first.");
			}
			System.exit(1);
		}
		stack.printWelcome();
		try {
			Thread.currentThread().join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Starts a stack and waits until it is healthy. */
	public static LocalStack start(StackOptions options, PrintStream out) {
		LocalStack stack = new LocalStack(options, out);
		try {
			stack.run();
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	private void run() {
		this.startedAt = System.nanoTime();
		choosePorts();
		prepareWorkDirectory();
		startRedis();
		startPostgres();
		this.sandbox = Sandbox.start(this.ports.get("sandbox"));
		step("sandbox for Alexa, LWA and IFTTT on " + this.sandbox.baseUrl());
		long publisherStart = System.nanoTime();
		startService("event-publisher").awaitHealthy(HEALTHY_WITHIN);
		this.secondsToHealthy.put("event-publisher", (System.nanoTime() - publisherStart) / 1e9);
		step("event-publisher healthy");
		List<CompletableFuture<Void>> starting = new ArrayList<>();
		for (String name : SERVICES.subList(1, SERVICES.size())) {
			long serviceStart = System.nanoTime();
			ServiceProcess service = startService(name);
			starting.add(CompletableFuture.runAsync(() -> {
				service.awaitHealthy(HEALTHY_WITHIN);
				this.secondsToHealthy.put(name, (System.nanoTime() - serviceStart) / 1e9);
				step(name + " healthy");
			}));
		}
		try {
			CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
		}
		catch (RuntimeException ex) {
			throw new StackFailure("a service did not become healthy: " + rootMessage(ex));
		}
		this.healthyAt = System.nanoTime();
		if (this.options.seedDemoData()) {
			this.demo = DemoData.seed(this, this.out);
		}
	}

	/**
	 * {@code --instances}, before the stack starts: a free port for each extra instance,
	 * named {@code <service>-2}, {@code -3}…, so that the publisher's CORS settings
	 * already allow the pages of every dashboard-ws instance.
	 */
	void reserveExtraInstances(ExtraInstances instances) {
		for (String name : SERVICES) {
			for (int n = 2; n <= instances.extraOf(name) + 1; n++) {
				this.extraInstances.put(name + "-" + n, FreePorts.find());
			}
		}
	}

	/** The ports of every dashboard-ws instance, the stack's own first. */
	List<Integer> dashboardPorts() {
		List<Integer> ports = new ArrayList<>(List.of(this.ports.get("dashboard-ws")));
		this.extraInstances.forEach((instance, port) -> {
			if (instance.startsWith("dashboard-ws-")) {
				ports.add(port);
			}
		});
		return ports;
	}

	/**
	 * {@code --instances}: starts the reserved extra instances and waits until they are
	 * healthy.
	 */
	void startExtraInstances() {
		List<CompletableFuture<Void>> starting = new ArrayList<>();
		this.extraInstances.forEach((instance, port) -> {
			ServiceProcess service = startService(serviceOf(instance), instance, port);
			starting.add(CompletableFuture.runAsync(() -> {
				service.awaitHealthy(HEALTHY_WITHIN);
				step(instance + " healthy");
			}));
		});
		try {
			CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
		}
		catch (RuntimeException ex) {
			throw new StackFailure("an extra instance did not become healthy: " + rootMessage(ex));
		}
	}

	/** {@code dashboard-ws} of {@code dashboard-ws-2}. */
	private static String serviceOf(String instance) {
		return instance.substring(0, instance.lastIndexOf('-'));
	}

	/** The base URL of a service, e.g. {@code http://localhost:8081}. */
	public String url(String service) {
		return "http://localhost:" + this.ports.get(service);
	}

	public Sandbox sandbox() {
		return required(this.sandbox, "sandbox");
	}

	/**
	 * The stack's Redis with every right, for tests and tools; each service connects as
	 * its own least-privileged user instead ({@link #redisUrlFor}).
	 */
	public String redisUrl() {
		return this.redisUrl;
	}

	/**
	 * The URL a service connects to Redis with: its own ACL user, with the rights of its
	 * role only, or the given {@code REDIS_URL} when that cannot create users.
	 */
	public String redisUrlFor(String service) {
		TestRedis users = this.bus;
		if (users == null) {
			return this.redisUrl;
		}
		return users.urlForService(service, Channels.namespaced(this.options.channelNamespace()));
	}

	/** The database every service uses (each in its own schema). */
	public String datasourceUrl() {
		return this.datasourceUrl;
	}

	/**
	 * The database's bootstrap superuser, for tests and tools; each service connects as
	 * its own role instead ({@link #datasourceUsernameFor}).
	 */
	public String datasourceUsername() {
		return this.datasourceUsername;
	}

	public String datasourcePassword() {
		return this.datasourcePassword;
	}

	/**
	 * The database role a service connects as: its own, owning only its schema, or the
	 * given user when the stack uses a PostgreSQL it was given.
	 */
	public String datasourceUsernameFor(String service) {
		return this.databasePasswords.isEmpty() ? this.datasourceUsername : DatabaseRoles.roleOf(service);
	}

	public String datasourcePasswordFor(String service) {
		return this.databasePasswords.isEmpty() ? this.datasourcePassword
				: this.databasePasswords.get(DatabaseRoles.roleOf(service));
	}

	/** The operator role's password (the role is {@code virtdevice_operator}). */
	public String operatorPassword() {
		return required(this.databasePasswords.get(DatabaseRoles.OPERATOR), "an embedded PostgreSQL");
	}

	/** The HS256 secret the services verify tokens with. */
	public String jwtSecret() {
		return this.secret;
	}

	/** The key the alexa-subscriber encrypts stored tokens with. */
	String alexaTokenKey() {
		return this.alexaTokenKey;
	}

	/** The key the event-publisher encrypts stored webhook secrets with. */
	String webhookSecretKey() {
		return this.webhookSecretKey;
	}

	public StackOptions options() {
		return this.options;
	}

	public ServiceProcess service(String name) {
		return required(this.services.get(name), name);
	}

	/**
	 * Starts one more instance of a service on a free port, configured like the first
	 * (same Redis, database and secret), e.g. a standby event-publisher. It is stopped
	 * with the stack; wait for it with {@link ServiceProcess#awaitHealthy}.
	 */
	public ServiceProcess startAnotherInstance(String service, String instanceName) {
		if (!SERVICES.contains(service) || this.services.containsKey(instanceName)) {
			throw new IllegalArgumentException(
					"Not a service, or a name already taken: " + service + ", " + instanceName);
		}
		return startService(service, instanceName, FreePorts.find());
	}

	/** The Redis the stack started (to stop and restart it); not one it was given. */
	public RedisServerProcess redisServer() {
		return required(this.redis, "an embedded Redis");
	}

	/**
	 * The PostgreSQL the stack started (to stop and restart it); not one it was given.
	 */
	public PostgresServer postgresServer() {
		return required(this.postgres, "an embedded PostgreSQL");
	}

	/** Seconds from start until every service was healthy. */
	public double secondsToHealthy() {
		return (this.healthyAt - this.startedAt) / 1e9;
	}

	/**
	 * Seconds from each service's process start until it answered healthy (the others
	 * start together, once the publisher is healthy, and share the machine).
	 */
	public Map<String, Double> secondsToHealthyByService() {
		Map<String, Double> seconds = new LinkedHashMap<>();
		SERVICES.forEach((name) -> {
			if (this.secondsToHealthy.containsKey(name)) {
				seconds.put(name, this.secondsToHealthy.get(name));
			}
		});
		return seconds;
	}

	/** Resident memory of each service process, in MiB (Linux; empty elsewhere). */
	public Map<String, Long> residentMemoryMiB() {
		Map<String, Long> memory = new LinkedHashMap<>();
		this.services.forEach(
				(name, service) -> ResidentMemory.of(service.pid()).ifPresent((kib) -> memory.put(name, kib / 1024)));
		return memory;
	}

	@Override
	public void close() {
		List<CompletableFuture<Void>> stopping = new ArrayList<>();
		for (ServiceProcess service : this.services.values()) {
			stopping.add(CompletableFuture.runAsync(service::stop));
		}
		stopping.forEach(CompletableFuture::join);
		this.services.forEach((instance, service) -> {
			ClassDataSharing.Launch launch = this.launches.remove(instance);
			if (launch != null && launch.records()
					&& this.classDataSharing.keepRecording(launch, service.lastExitCode())) {
				this.out.println("Kept " + instance + "'s class data sharing archive for later starts");
			}
		});
		this.services.clear();
		if (this.sandbox != null) {
			this.sandbox.close();
			this.sandbox = null;
		}
		if (this.redis != null) {
			this.redis.stop();
			this.redis = null;
		}
		if (this.postgres != null) {
			this.postgres.close();
			this.postgres = null;
		}
	}

	private void stopOnSignal() {
		if (!this.services.isEmpty() || this.redis != null || this.postgres != null) {
			this.out.println();
			this.out.println("Stopping the hub…");
			close();
			this.out
				.println("Stopped: every service, the sandbox" + ((this.options.redisUrl() == null) ? ", Redis" : "")
						+ ((this.options.datasourceUrl() == null) ? " and PostgreSQL" : "") + ".");
		}
	}

	private void choosePorts() {
		for (String name : StackOptions.SPEC_PORTS.keySet()) {
			int port = this.options.fixedPorts() ? StackOptions.SPEC_PORTS.get(name) : FreePorts.find();
			if (this.options.fixedPorts() && !isFree(port)) {
				throw new StackFailure("port " + port + " (for " + name + ") is already in use. Stop whatever "
						+ "listens there (an earlier ./run-local?) and try again.");
			}
			this.ports.put(name, port);
		}
	}

	private void prepareWorkDirectory() {
		try {
			Files.createDirectories(this.options.workDirectory().resolve("logs"));
			String given = this.options.jwtSecret();
			this.secret = (given != null) ? given : stableRandom("jwt-secret");
			if (given != null) {
				step("tokens are verified with the secret in VIRTDEVICE_JWT_SECRET");
			}
			this.alexaTokenKey = stableRandom("alexa-token-key");
			this.webhookSecretKey = stableRandom("webhook-secret-key");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A file only its owner may read (where the file system has POSIX permissions). */
	private static void writeOwnerOnly(Path file, String content) {
		try {
			Files.deleteIfExists(file);
			Files.createFile(file);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system
			}
			Files.writeString(file, content + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] randomBytes() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return random;
	}

	/** 32 random bytes (base64), kept in the work directory so they survive restarts. */
	private String stableRandom(String name) throws IOException {
		Path file = this.options.workDirectory().resolve(name);
		if (!Files.exists(file)) {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			Files.writeString(file, Base64.getEncoder().encodeToString(random));
		}
		return Files.readString(file).trim();
	}

	private void startRedis() {
		if (this.options.redisUrl() != null) {
			this.redisUrl = this.options.redisUrl();
			TestRedis given = TestRedis.at(this.redisUrl);
			try {
				given.urlForService("event-publisher", Channels.namespaced(this.options.channelNamespace()));
				this.bus = given;
				step("using Redis at " + withoutPassword(this.redisUrl) + ", each service as its own ACL user");
			}
			catch (RuntimeException ex) {
				step("using Redis at " + withoutPassword(this.redisUrl)
						+ " as every service: it cannot create ACL users (" + ex.getMessage()
						+ "), so the services will report an open bus");
			}
			return;
		}
		this.redis = RedisServerProcess.startOnFreePort();
		this.bus = this.redis;
		this.redisUrl = this.redis.url();
		writeOwnerOnly(this.options.workDirectory().resolve(REDIS_ADMIN_URL_FILE), this.redisUrl);
		step("started Redis on port " + this.redis.port()
				+ " with ACLs on: the default user is off and each service has its own user");
	}

	private void startPostgres() {
		if (this.options.datasourceUrl() != null) {
			this.datasourceUrl = this.options.datasourceUrl();
			this.datasourceUsername = this.options.datasourceUsername();
			this.datasourcePassword = this.options.datasourcePassword();
			step("using PostgreSQL at " + this.datasourceUrl);
			return;
		}
		this.postgres = PostgresServer.embedded(this.options.workDirectory().resolve("postgres"));
		TestDatabase database = this.postgres.database("virtdevice");
		// the user goes separately: in the URL it would override each service's own
		this.datasourceUrl = database.jdbcUrl()
			.replaceFirst("[?&]user=[^&]*$", "")
			.replaceFirst("([?&])user=[^&]*&", "$1");
		this.datasourceUsername = database.username();
		this.datasourcePassword = database.password();
		Path passwords = this.options.workDirectory().resolve(DATABASE_PASSWORDS_FILE);
		Properties known = new Properties();
		if (Files.exists(passwords)) {
			try (var in = Files.newBufferedReader(passwords)) {
				known.load(in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		this.databasePasswords = DatabaseRoles.create(database,
				(role) -> known.getProperty(role, HexFormat.of().formatHex(randomBytes())));
		StringBuilder file = new StringBuilder(
				"# PostgreSQL role passwords (docs/operations.md, \"Securing PostgreSQL\")");
		this.databasePasswords.forEach((role, password) -> file.append('\n').append(role).append('=').append(password));
		writeOwnerOnly(passwords, file.toString());
		step("started PostgreSQL " + this.datasourceUrl + ", each service as its own role (passwords in "
				+ passwords.toAbsolutePath() + ")");
	}

	private ServiceProcess startService(String name) {
		return startService(name, name, this.ports.get(name));
	}

	private ServiceProcess startService(String name, String instanceName, int port) {
		Path jar = this.options.servicesDirectory().resolve(name + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new StackFailure("no " + jar + "; build the hub first: ./mvnw -DskipTests package");
		}
		ClassDataSharing.Launch launch = this.classDataSharing.prepare(name, jar, instanceName);
		step("starting " + instanceName + " on port " + port + " (" + launch.description() + ") …");
		StackOptions.ServiceTuning tuning = this.options.tuningOf(name);
		List<String> javaOptions = new ArrayList<>(tuning.javaOptions());
		javaOptions.addAll(launch.javaOptions());
		this.launches.put(instanceName, launch);
		ServiceProcess service = ServiceProcess.jar(launch.jar())
			.name(instanceName)
			.port(port)
			.javaOptions(javaOptions.toArray(String[]::new))
			// writing the archive at exit takes seconds more, longer on a busy machine
			.stopGracePeriod(launch.records() ? RECORDING_STOP_GRACE : Duration.ofSeconds(30))
			.logFile(this.options.workDirectory().resolve("logs").resolve(instanceName + ".log"))
			.properties(ServiceConfiguration.of(name, this))
			.properties(tuning.properties())
			.start();
		this.services.put(instanceName, service);
		return service;
	}

	private void step(String message) {
		this.out.printf("[%5.1fs] %s%n", (System.nanoTime() - this.startedAt) / 1e9, message);
	}

	private void printWelcome() {
		Map<String, Long> memory = residentMemoryMiB();
		long total = memory.values().stream().mapToLong(Long::longValue).sum();
		this.out.println();
		this.out.printf("VirtDevice event hub is running: 5 services healthy in %.1f s, %d MiB resident memory %s%n",
				secondsToHealthy(), total, memory);
		this.out.println();
		this.out.println("  Dashboard           " + url("dashboard-ws") + "/   (sign in as \"demo\")");
		this.out
			.println("  event-publisher     " + url("event-publisher") + "/api/devices   (REST, docs/contract.md §4)");
		this.out.println("  activity-log        " + url("activity-log") + "/api/activity");
		this.out.println("  alexa-subscriber    " + url("alexa-subscriber") + "/api/alexa/grants/me");
		this.out.println("  ifttt-subscriber    " + url("ifttt-subscriber") + "/ifttt/v1/status");
		this.extraInstances.forEach((instance, port) -> this.out.printf(
				"  %-19s http://localhost:%d   (--instances: another %s, same Redis and database)%n", instance, port,
				serviceOf(instance)));
		this.out
			.println("  Sandbox             " + sandbox().baseUrl() + "/   (what Alexa and IFTTT would have received)");
		if (this.redis != null) {
			this.out.println("  Redis               127.0.0.1:" + this.redis.port() + "   (ACLs on; admin URL in "
					+ this.options.workDirectory().resolve(REDIS_ADMIN_URL_FILE).toAbsolutePath() + ")");
		}
		this.out.println("  Logs                " + this.options.workDirectory().resolve("logs").toAbsolutePath());
		if (this.demo != null) {
			this.demo.printTour(this.out);
		}
		this.out.println();
		this.out.println("Press Ctrl-C to stop everything.");
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getMessage();
	}

	private static <T> T required(@Nullable T value, String what) {
		if (value == null) {
			throw new IllegalStateException(what + " is not running");
		}
		return value;
	}

	/** Why the stack could not start, in words for the person who ran it. */
	static final class StackFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		StackFailure(String message) {
			super(message);
		}

	}

	/** A Redis URL fit to print: its password replaced by {@code ***}. */
	static String withoutPassword(String url) {
		return url.replaceFirst("^(rediss?://[^:@/]*:)[^@/]*@", "$1***@");
	}

}
