package com.virtdevice.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.virtdevice.benchmarks.PutLoad.Target;
import com.virtdevice.benchmarks.Results.Row;
import com.virtdevice.localstack.LocalStack;
import com.virtdevice.localstack.StackOptions;
import com.virtdevice.localstack.StackOptions.ServiceTuning;

/**
 * {@code ./run-benchmarks}: starts the whole hub (the five service jars as processes,
 * embedded Redis and PostgreSQL or the servers named in the environment), measures it
 * against raw Redis and PostgreSQL in the same run, prints the table, and writes
 * {@code target/benchmarks/results.json} and {@code docs/benchmarks.md}.
 * <p>
 * Argument: {@code full} (default), {@code smoke} (every measurement, tiny and short),
 * {@code profile} (a longer write path to profile) or {@code micro} (the JMH
 * microbenchmarks alone, without the hub; prints the table, writes nothing).
 */
public final class Benchmarks {

	private final Settings settings;

	private final Results results = new Results();

	private final long started = System.nanoTime();

	private Benchmarks(Settings settings) {
		this.settings = settings;
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("micro")) {
			// The JMH microbenchmarks alone, with full settings: no hub, no reports
			// written.
			Results results = new Results();
			new MicroBenchmarks(Settings.full(), results).run();
			System.out.println();
			System.out.println(new Report(Settings.full(), results).table());
			System.exit(0);
		}
		Settings settings = Settings.named((args.length > 0) ? args[0] : "full");
		Path docs = Path.of(System.getProperty("virtdevice.benchmarks.docs", "docs/benchmarks.md"));
		Path json = Path.of(System.getProperty("virtdevice.benchmarks.results", "target/benchmarks/results.json"));
		Results results = run(settings);
		Report report = new Report(settings, results);
		System.out.println();
		System.out.println(report.table());
		report.writeJson(json);
		report.writeMarkdown(docs);
		System.out.println("Wrote " + json + " and " + docs);
		System.exit(0);
	}

	/** Runs every measurement; the stack is stopped afterwards. */
	static Results run(Settings settings) throws Exception {
		return new Benchmarks(settings).measure();
	}

	private Results measure() throws Exception {
		this.results.detail("settings", this.settings);
		this.results.detail("machine", Machine.describe());
		this.results.detail("startedAt", Instant.now().toString());
		phase("0 per-event code", () -> new MicroBenchmarks(this.settings, this.results).run());
		try (DispatchFakes fakes = DispatchFakes.start(20); LocalStack stack = startStack(fakes)) {
			// Ctrl-C stops the services, Redis and PostgreSQL too, as ./run-local does.
			Thread stopOnSignal = new Thread(stack::close, "benchmarks-stop");
			Runtime.getRuntime().addShutdownHook(stopOnSignal);
			HubClient hub = new HubClient(stack);
			Database database = new Database(stack);
			Footprint footprint = new Footprint(stack, this.results);
			footprint.idle();
			try (MemorySampler memory = new MemorySampler(stack)) {
				Baselines baselines = new Baselines(database, stack.redisUrl());
				CpuAccount cpu = new CpuAccount(stack);
				Map<Integer, Double> commitRates = baselines(baselines, cpu);
				World world = World.create(hub, this.settings, this.results);
				phase("2 write path", () -> writePath(stack, hub, world, commitRates, cpu));
				phase("3 end to end, 6 dispatch, 5 live audit, overload",
						() -> new LiveLoad(stack, hub, database, world, fakes, this.settings, this.results).run());
				phase("5 audit catch-up", () -> new AuditCatchUp(stack, database, world, this.settings, this.results)
					.run(this.results.number("copyRowsPerSecond")));
				phase("4 fan-out", () -> new FanOut(stack, world, this.settings, this.results).run());
				footprint.underLoad(memory.peakMiB());
				Runtime.getRuntime().removeShutdownHook(stopOnSignal);
				baselines.dropSchema();
			}
		}
		this.results.detail("loadAverageAtEnd", Machine.loadAverage());
		this.results.detail("durationSeconds", Math.round((System.nanoTime() - this.started) / 1e9));
		return this.results;
	}

	private LocalStack startStack(DispatchFakes fakes) throws Exception {
		Path work = Files.createTempDirectory("virtdevice-benchmarks-");
		Path services = Path.of(System.getProperty("virtdevice.local-stack.services", "local-stack/target/services"));
		StackOptions stack = new StackOptions(services, work, false, blankToNull(System.getenv("REDIS_URL")),
				blankToNull(System.getenv("SPRING_DATASOURCE_URL")),
				System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", ""),
				System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""), "bench" + ProcessHandle.current().pid(),
				false);
		boolean full = this.settings.name().equals("full");
		// A full run: full JIT (the stack's default stops at C1 for a quick start) and
		// room
		// for load. Other runs start as quickly as they can.
		List<String> jvm = full ? List.of("-XX:+UseSerialGC", "-Xss512k", "-Xms256m", "-Xmx768m")
				: List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx384m");
		List<String> dashboardJvm = full ? List.of("-XX:+UseParallelGC", "-Xss512k", "-Xms512m", "-Xmx1536m") : jvm;
		String gateway = fakes.baseUrl() + DispatchFakes.ALEXA_PATH;
		Map<String, Map<String, String>> properties = Map.of("alexa-subscriber",
				Map.of("virtdevice.alexa.event-gateway.na", gateway, "virtdevice.alexa.event-gateway.eu", gateway,
						"virtdevice.alexa.event-gateway.fe", gateway),
				"ifttt-subscriber", Map.of("virtdevice.ifttt.realtime-url", fakes.baseUrl() + DispatchFakes.IFTTT_PATH),
				"dashboard-ws", Map.of("server.tomcat.max-connections", "20000", "server.tomcat.accept-count", "2000"));
		for (String service : LocalStack.SERVICES) {
			List<String> options = new ArrayList<>(service.equals("dashboard-ws") ? dashboardJvm : jvm);
			if (Boolean.getBoolean("virtdevice.benchmarks.jfr")) {
				// One flight recording per service, written when it stops, next to its
				// log.
				options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
						+ work.resolve("logs").resolve(service + ".jfr"));
			}
			Map<String, String> serviceProperties = new LinkedHashMap<>(properties.getOrDefault(service, Map.of()));
			// Four JVMs starting at once on a busy 2-core machine: Redis handshakes can
			// take longer than the default 2 s.
			serviceProperties.put("spring.data.redis.connect-timeout", "10s");
			serviceProperties.put("spring.data.redis.timeout", "10s");
			stack = stack.withTuning(service, new ServiceTuning(options, serviceProperties));
		}
		System.out.println(
				"Starting the hub for the " + this.settings.name() + " benchmark run (logs in " + work + "/logs) …");
		return LocalStack.start(stack, System.out);
	}

	private Map<Integer, Double> baselines(Baselines baselines, CpuAccount cpu) throws Exception {
		section("1. Baselines");
		// Five JVMs just started and are still compiling: baselines measured now would
		// say more about that than about Redis and PostgreSQL.
		awaitQuietMachine(this.settings.quietWait(Duration.ofSeconds(180)));
		Duration time = this.settings.baseline();
		double publish = baselines.redisPublish(this.settings.redisConnections(), time, this.results);
		this.results.add(Row.of("1 baseline",
				"Redis PUBLISH 300 B, " + this.settings.redisConnections() + " connections, 1 pattern subscriber",
				publish, "msg/s"));
		Map<Integer, Double> commits = new LinkedHashMap<>();
		for (int clients : this.settings.writeClients()) {
			Map<String, Double> before = cpu.snapshot();
			double rate = baselines.postgresCommits(clients, time);
			Map<String, Double> perCommit = CpuAccount.perOperation(before, cpu.snapshot(),
					Math.round(rate * time.toNanos() / 1e9));
			commits.put(clients, rate);
			this.results.detail("postgresCommitCpu" + clients, perCommit);
			this.results.add(Row.of("1 baseline", "PostgreSQL single-row INSERT+commit, " + clients + " connections",
					rate, "commit/s"));
			this.results.add(Row.of("1 baseline", "machine CPU per commit, " + clients + " connections",
					perCommit.get(CpuAccount.MACHINE), "ms"));
		}
		double copy = baselines.postgresCopy(this.settings.copyRows());
		this.results.detail("copyRowsPerSecond", copy);
		this.results.add(Row.of("1 baseline", "PostgreSQL COPY of audit rows (activity_log's shape and indexes)", copy,
				"rows/s"));
		return commits;
	}

	private void writePath(LocalStack stack, HubClient hub, World world, Map<Integer, Double> commitRates,
			CpuAccount cpu) throws Exception {
		section("2. Durable write path");
		PutLoad load = new PutLoad(hub, world.lights());
		System.out.println(
				"Warming up the whole hub for " + this.settings.hubWarmUp().toSeconds() + " s (PUTs from 8 clients) …");
		load.closedLoop(8, this.settings.hubWarmUp());
		// Let the consumers finish the warm-up's events before anything is measured.
		awaitQuietMachine(this.settings.quietWait(Duration.ofSeconds(180)));
		int floorClients = this.settings.writeClients().get(0);
		String probe = "/actuator/health/liveness";
		load.closedLoopGet(probe, floorClients, Duration.ofSeconds(Math.min(10, this.settings.write().toSeconds())));
		Map<String, Double> floorBefore = cpu.snapshot();
		PutLoad.Outcome floor = load.closedLoopGet(probe, floorClients, this.settings.write());
		Map<String, Double> perProbe = CpuAccount.perOperation(floorBefore, cpu.snapshot(), floor.ok());
		this.results.detail("httpFloorCpu", perProbe);
		this.results
			.add(Row.of("2 write path", "HTTP floor: GET /actuator/health/liveness, " + floorClients + " clients",
					floor.perSecond(), "req/s")
				.ratio(commitRates.get(floorClients)));
		this.results.add(Row.of("2 write path", "machine CPU per health GET, " + floorClients + " clients",
				perProbe.get(CpuAccount.MACHINE), "ms"));
		int targetClients = this.settings.writeClients().get(this.settings.writeClients().size() - 1);
		try (ConsumerProgress consumers = new ConsumerProgress(stack, hub.http(), new Database(stack))) {
			for (int clients : this.settings.writeClients()) {
				writePathAt(clients, clients == targetClients, load, consumers, commitRates.get(clients), cpu);
			}
		}
	}

	/**
	 * One closed-loop write-path run. Its CPU is counted until every consumer has handled
	 * the run's last change, so a consumer's backlog is part of the cost of the PUTs that
	 * made it.
	 */
	private void writePathAt(int clients, boolean judged, PutLoad load, ConsumerProgress consumers, double commitRate,
			CpuAccount cpu) throws Exception {
		awaitQuietMachine(this.settings.quietWait(Duration.ofSeconds(60)));
		Map<String, Double> before = cpu.snapshot();
		PutLoad.Outcome outcome = load.closedLoop(clients, this.settings.write());
		long ended = System.nanoTime();
		Map<String, Double> behind = consumers.secondsToReach(consumers.lastChange(), ended, Duration.ofSeconds(60));
		Map<String, Double> perPut = CpuAccount.perOperation(before, cpu.snapshot(), outcome.ok());
		boolean allConsumed = !behind.containsValue(-1.0);
		this.results.detail("writePathRate" + clients, outcome.perSecond());
		this.results.detail("writePathCpu" + clients, perPut);
		this.results.detail("writePathConsumersCaughtUpSeconds" + clients, behind);
		Map<String, Double> latency = outcome.latencies().summary();
		this.results.detail("writePath" + clients,
				Map.of("ok", outcome.ok(), "failed", outcome.failed(), "latency", latency));
		Row rate = Row
			.of("2 write path", "REST PUT, " + clients + " clients (commit+outbox+publish)", outcome.perSecond(),
					"req/s")
			.ratio(commitRate);
		if (judged) {
			this.results.detail("writePathTarget",
					Map.of("clients", clients, "previousRatio", Targets.PREVIOUS_WRITE_RATIO, "previousRun",
							"2026-11-28 10:01 UTC (docs/benchmarks.md at 07aad57)", "targetRatio",
							Targets.WRITE_RATIO));
			rate = rate.target(String.format("≥ %.3f × PG commits (4 × %.3f before)", Targets.WRITE_RATIO,
					Targets.PREVIOUS_WRITE_RATIO), outcome.perSecond() >= Targets.WRITE_RATIO * commitRate);
		}
		this.results.add(rate);
		this.results
			.add(Row.of("2 write path", "REST PUT p50 latency, " + clients + " clients", latency.get("p50Ms"), "ms"));
		this.results
			.add(Row.of("2 write path", "REST PUT p99 latency, " + clients + " clients", latency.get("p99Ms"), "ms"));
		this.results.add(Row.of("2 write path", "event-publisher CPU per PUT, " + clients + " clients",
				perPut.get("event-publisher"), "ms"));
		double machine = perPut.get(CpuAccount.MACHINE);
		double commitCpu = machineCpuPerCommit(clients);
		Row cpuRow = Row
			.of("2 write path", "machine CPU per PUT, " + clients + " clients (all processes, consumers caught up)",
					machine, "ms")
			.ratio(commitCpu);
		if (judged) {
			// Only a run in which all four consumers handled every change is the whole
			// hub's
			// cost.
			cpuRow = cpuRow.target(String.format("≤ %.0f × PG commit CPU", Targets.CPU_PER_PUT_IN_COMMITS),
					allConsumed && machine <= Targets.CPU_PER_PUT_IN_COMMITS * commitCpu);
		}
		this.results.add(cpuRow);
		double consumerCpu = 0;
		for (String service : ConsumerProgress.CONSUMERS) {
			consumerCpu += perPut.get(service);
		}
		this.results.add(Row.of("2 write path", "  of it PostgreSQL", perPut.get(CpuAccount.POSTGRESQL), "ms"));
		this.results.add(Row.of("2 write path", "  of it the four consumers", consumerCpu, "ms"));
		this.results.add(Row.of("2 write path", "  of it the load driver", perPut.get(CpuAccount.DRIVER), "ms"));
		this.results.add(Row.of("2 write path", "  of it Redis and the rest",
				perPut.get(CpuAccount.REDIS) + perPut.get(CpuAccount.OTHER), "ms"));
		this.results.add(Row.of("2 write path", "slowest consumer caught up after the last PUT, " + clients + " clients"
				+ (allConsumed ? "" : " (one did NOT within 60 s)"), maxOf(behind), "s"));
		// At saturation a run on shared cores does about cores ÷ CPU per operation.
		int cores = Runtime.getRuntime().availableProcessors();
		this.results
			.add(Row.of("2 write path", "ceiling from that CPU cost (" + cores + " cores ÷ machine CPU per PUT)",
					(machine > 0) ? cores * 1000 / machine : 0, "req/s")
				.ratio(commitRate));
	}

	private double machineCpuPerCommit(int clients) {
		Object perCommit = this.results.details().get("postgresCommitCpu" + clients);
		return (perCommit instanceof Map<?, ?> split && split.get(CpuAccount.MACHINE) instanceof Double machine)
				? machine : 0;
	}

	static double maxOf(Map<String, Double> seconds) {
		return seconds.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
	}

	/**
	 * Waits until the machine is nearly idle (under 15 % of its cores busy for two
	 * seconds running): the consumers have worked off what the last load left them, so
	 * their catch-up is not counted against the next measurement.
	 */
	static void awaitQuietMachine(Duration atMost) throws InterruptedException {
		int cores = Runtime.getRuntime().availableProcessors();
		long deadline = System.nanoTime() + atMost.toNanos();
		long started = System.nanoTime();
		int quietSeconds = 0;
		double last = CpuAccount.machineSeconds();
		while (quietSeconds < 2 && System.nanoTime() < deadline) {
			Thread.sleep(1000);
			double now = CpuAccount.machineSeconds();
			quietSeconds = (now - last < 0.15 * cores) ? quietSeconds + 1 : 0;
			last = now;
		}
		System.out.printf("Machine %s after %.0f s%n", (quietSeconds >= 2) ? "quiet" : "still busy",
				(System.nanoTime() - started) / 1e9);
	}

	/**
	 * Runs one measurement; if it fails, says so in the results and goes on with the
	 * next, so one failure does not cost the whole run's figures.
	 */
	private void phase(String name, Phase phase) {
		try {
			phase.run();
		}
		catch (Exception | AssertionError ex) {
			ex.printStackTrace();
			this.results.notDone(name + ": failed with " + ex);
		}
	}

	/** One measurement. */
	private interface Phase {

		void run() throws Exception;

	}

	static void section(String name) {
		System.out.println();
		System.out.println("== " + name + " (load average " + Machine.loadAverage() + ")");
	}

	/** Runs tasks on that many threads; returns their results in order. */
	static <T> List<T> parallel(int threads, List<Callable<T>> tasks) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<T> done = new ArrayList<>();
			for (Future<T> future : executor.invokeAll(tasks)) {
				done.add(future.get());
			}
			return done;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** The users, devices and tokens the load uses. */
	record World(List<Target> lights, List<String> userTokens, List<String> fanOutDevices, List<String> fanOutTokens) {

		static World create(HubClient hub, Settings settings, Results results) throws Exception {
			section("Creating users and devices");
			long started = System.nanoTime();
			List<Callable<List<Target>>> perUser = new ArrayList<>();
			for (int u = 0; u < settings.users(); u++) {
				String token = hub.token("bench-u" + u);
				perUser.add(() -> {
					hub.linkAlexa(token);
					List<Target> lights = new ArrayList<>();
					for (int d = 0; d < settings.devicesPerUser(); d++) {
						lights.add(new Target(hub.createDevice(token, "Bench light " + d,
								"{\"powerState\":\"OFF\",\"brightness\":\"0\",\"benchSeq\":\"0\"}"), token));
					}
					return lights;
				});
			}
			List<Target> lights = new ArrayList<>();
			List<String> userTokens = new ArrayList<>();
			for (List<Target> ofUser : parallel(8, perUser)) {
				lights.addAll(ofUser);
				userTokens.add(ofUser.get(0).token());
			}
			// Interleave users so consecutive changes go to different users and devices.
			List<Target> interleaved = new ArrayList<>();
			for (int d = 0; d < settings.devicesPerUser(); d++) {
				for (int u = 0; u < settings.users(); u++) {
					interleaved.add(lights.get(u * settings.devicesPerUser() + d));
				}
			}
			int fanOutUsers = settings.fanOutSessions() / settings.sessionsPerUser();
			List<Callable<String>> fanOut = new ArrayList<>();
			List<String> fanOutTokens = new ArrayList<>();
			for (int u = 0; u < fanOutUsers; u++) {
				String token = hub.token("fan-u" + u);
				fanOutTokens.add(token);
				fanOut.add(() -> hub.createDevice(token, "Fan-out light", "{\"benchSeq\":\"0\"}"));
			}
			List<String> fanOutDevices = parallel(8, fanOut);
			results.detail("setupSeconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
			System.out.printf("  %d users with %d lights (Alexa-linked), %d fan-out users, in %.1f s%n",
					settings.users(), lights.size(), fanOutUsers, (System.nanoTime() - started) / 1e9);
			return new World(interleaved, userTokens, fanOutDevices, fanOutTokens);
		}

	}

}
