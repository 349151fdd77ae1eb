package com.virtdevice.benchmarks;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import com.virtdevice.benchmarks.Benchmarks.World;
import com.virtdevice.benchmarks.Results.Row;
import com.virtdevice.localstack.LocalStack;

/**
 * One dashboard-ws with many STOMP sessions (several per user): frames delivered per
 * second and the memory it takes. Events are changes made by SQL in batches every 100 ms,
 * through the publisher's outbox and relay like any change.
 */
final class FanOut {

	private final LocalStack stack;

	private final World world;

	private final Settings settings;

	private final Results results;

	FanOut(LocalStack stack, World world, Settings settings, Results results) {
		this.stack = stack;
		this.world = world;
		this.settings = settings;
		this.results = results;
	}

	void run() throws Exception {
		Benchmarks.section("4. Fan-out: " + this.settings.fanOutSessions() + " STOMP sessions on one dashboard-ws");
		Database database = new Database(this.stack);
		List<String> tokens = new ArrayList<>();
		for (int s = 0; s < this.settings.sessionsPerUser(); s++) {
			tokens.addAll(this.world.fanOutTokens());
		}
		long rssBefore = this.stack.residentMemoryMiB().getOrDefault("dashboard-ws", 0L);
		try (Sessions sessions = new Sessions(4); Connection connection = database.connect()) {
			double connectSeconds = sessions.open(this.stack.url("dashboard-ws"), tokens, 100);
			long failedToOpen = sessions.failedToOpen();
			String[] devices = this.world.fanOutDevices().toArray(String[]::new);
			Database.setAll(connection, "benchSeq", "probe", devices);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (sessions.all().stream().anyMatch((s) -> s.frames() == 0) && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
			long silent = sessions.all().stream().filter((s) -> s.frames() == 0).count();
			long rssConnected = this.stack.residentMemoryMiB().getOrDefault("dashboard-ws", 0L);
			Thread.sleep(1000);
			long framesBefore = sessions.frames();
			long closedBefore = sessions.closed();
			int perTick = Math.max(1, this.settings.fanOutEventsPerSecond() / 10);
			long ticks = this.settings.fanOut().toMillis() / 100;
			long events = 0;
			CpuAccount cpu = new CpuAccount(this.stack);
			Map<String, Double> machineBefore = cpu.snapshot();
			long started = System.nanoTime();
			for (long tick = 0; tick < ticks; tick++) {
				long due = started + tick * 100_000_000L;
				LockSupport.parkNanos(due - System.nanoTime());
				String[] batch = new String[perTick];
				for (int i = 0; i < perTick; i++) {
					batch[i] = devices[(int) ((tick * perTick + i) % devices.length)];
				}
				events += Database.setAll(connection, "benchSeq", "t" + tick, batch);
			}
			long lastFrame = awaitQuiet(sessions);
			long rssPeak = this.stack.residentMemoryMiB().getOrDefault("dashboard-ws", 0L);
			long frames = sessions.frames() - framesBefore;
			Map<String, Double> perFrame = CpuAccount.perOperation(machineBefore, cpu.snapshot(), frames);
			perFrame.replaceAll((process, millis) -> millis * 1000);
			double cpuPerFrame = perFrame.get("dashboard-ws");
			long expected = sessions.all().stream().filter((session) -> !session.isClosed()).count() * events
					/ this.world.fanOutTokens().size();
			double seconds = Math.max(1e-3, (lastFrame - started) / 1e9);
			double rate = frames / seconds;
			long dropped = sessions.closed() - closedBefore;
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("sessions", sessions.all().size());
			detail.put("users", this.world.fanOutTokens().size());
			detail.put("connectSeconds", connectSeconds);
			detail.put("sessionsSilentAfterProbe", silent);
			detail.put("eventsOffered", events);
			detail.put("offeredSeconds", this.settings.fanOut().toSeconds());
			detail.put("framesExpected", expected);
			detail.put("framesDelivered", frames);
			detail.put("deliverySeconds", seconds);
			detail.put("sessionsClosed", dropped);
			detail.put("sessionsFailedToOpen", failedToOpen);
			detail.put("firstFailureToOpen", sessions.firstFailure());
			detail.put("closeReasons",
					sessions.all()
						.stream()
						.filter(StompSession::isClosed)
						.map(StompSession::closeReason)
						.distinct()
						.limit(5)
						.toList());
			this.results.detail("fanOut", detail);
			this.results.add(Row.of("4 fan-out",
					sessions.all().size() + " of " + tokens.size() + " sessions opened (CONNECT+SUBSCRIBE) in",
					connectSeconds, "s"));
			this.results.add(Row.of("4 fan-out", "frames delivered/s (" + frames + " of " + expected + " expected)",
					rate, "frame/s"));
			// A frame not delivered costs nothing: the CPU per frame counts only if all
			// were.
			this.results.add(Row.of("4 fan-out", "dashboard-ws CPU per frame delivered", cpuPerFrame, "µs")
				.target(String.format("≤ %.0f µs, every frame", Targets.FRAME_CPU_MICROS),
						cpuPerFrame <= Targets.FRAME_CPU_MICROS && frames >= expected));
			this.results.detail("fanOutCpuMicrosPerFrame", perFrame);
			double machine = perFrame.get(CpuAccount.MACHINE);
			this.results.add(Row.of("4 fan-out", "machine CPU per frame delivered (all processes)", machine, "µs"));
			this.results
				.add(Row.of("4 fan-out", "  of it the load driver (" + sessions.all().size() + " client sessions)",
						perFrame.get(CpuAccount.DRIVER), "µs"));
			int cores = Runtime.getRuntime().availableProcessors();
			this.results
				.add(Row.of("4 fan-out", "ceiling from that CPU cost (" + cores + " cores ÷ machine CPU per frame)",
						(machine > 0) ? cores * 1e6 / machine : 0, "frame/s"));
			this.results
				.add(Row
					.of("4 fan-out", "sessions dropped (closed, silent or never opened)",
							dropped + silent + failedToOpen, "sessions")
					.target("0", dropped + silent + failedToOpen == 0));
			this.results.add(Row.of("4 fan-out", "dashboard-ws RSS with all sessions open", rssConnected, "MiB"));
			this.results.detail("fanOutRssMiB",
					Map.of("before", rssBefore, "connected", rssConnected, "afterLoad", rssPeak));
			this.results.add(Row.of("4 fan-out", "dashboard-ws RSS per 1,000 sessions",
					(rssConnected - rssBefore) * 1000.0 / Math.max(1, sessions.all().size()), "MiB"));
		}
	}

	/**
	 * Waits until no frame arrived for five seconds (at most 120 s); returns the last
	 * arrival.
	 */
	private static long awaitQuiet(Sessions sessions) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		long last = -1;
		long lastChange = System.nanoTime();
		while (System.nanoTime() < deadline) {
			long now = sessions.frames();
			if (now != last) {
				last = now;
				lastChange = System.nanoTime();
			}
			else if (System.nanoTime() - lastChange > 5_000_000_000L) {
				return lastChange;
			}
			Thread.sleep(50);
		}
		return lastChange;
	}

}
