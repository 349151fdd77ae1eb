package com.virtdevice.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.virtdevice.localstack.LocalStack;

/**
 * Where the machine's CPU goes during a measurement: the whole machine (from
 * {@code /proc/stat}) and each of the hub's processes — the five services, PostgreSQL
 * (every {@code postgres} process, with the backends that ended counted through the
 * postmaster's children time), Redis, and this load driver (Linux). On a machine whose
 * cores the whole hub shares, the throughput of a saturated run is about cores ÷ machine
 * CPU per operation; this says which process that CPU is spent in.
 */
final class CpuAccount {

	static final String MACHINE = "machine";

	static final String POSTGRESQL = "PostgreSQL";

	static final String REDIS = "Redis";

	static final String DRIVER = "load driver";

	static final String OTHER = "other";

	private static final double TICKS_PER_SECOND = 100;

	private final Map<String, Long> services = new LinkedHashMap<>();

	CpuAccount(LocalStack stack) {
		for (String service : LocalStack.SERVICES) {
			this.services.put(service, stack.service(service).pid());
		}
	}

	/** CPU seconds used so far, by {@link #MACHINE} and by process. */
	Map<String, Double> snapshot() {
		Map<String, Double> seconds = new LinkedHashMap<>();
		seconds.put(MACHINE, machineSeconds());
		this.services.forEach((name, pid) -> seconds.put(name, ProcessCpu.seconds(pid)));
		seconds.put(POSTGRESQL, byCommand("postgres"));
		seconds.put(REDIS, byCommand("redis-server"));
		seconds.put(DRIVER, ProcessCpu.seconds(ProcessHandle.current().pid()));
		return seconds;
	}

	/**
	 * Milliseconds of CPU per operation between two snapshots, machine-wide and by
	 * process; {@link #OTHER} is the machine's CPU none of them used.
	 */
	static Map<String, Double> perOperation(Map<String, Double> before, Map<String, Double> after, long operations) {
		Map<String, Double> millis = new LinkedHashMap<>();
		double accounted = 0;
		for (Map.Entry<String, Double> entry : after.entrySet()) {
			double used = Math.max(0, entry.getValue() - before.getOrDefault(entry.getKey(), 0.0));
			millis.put(entry.getKey(), used * 1000 / Math.max(1, operations));
			if (!entry.getKey().equals(MACHINE)) {
				accounted += used;
			}
		}
		double machine = after.get(MACHINE) - before.get(MACHINE);
		millis.put(OTHER, Math.max(0, machine - accounted) * 1000 / Math.max(1, operations));
		return millis;
	}

	/** Busy CPU seconds of all cores: user, nice, system, irq, softirq, steal. */
	static double machineSeconds() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int field : new int[] { 1, 2, 3, 6, 7, 8 }) {
				busy += (field < fields.length) ? Long.parseLong(fields[field]) : 0;
			}
			return busy / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** CPU seconds of every process with that command name, with their ended children. */
	private static double byCommand(String command) {
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			return processes.filter((path) -> path.getFileName().toString().chars().allMatch(Character::isDigit))
				.filter((path) -> command.equals(read(path.resolve("comm")).trim()))
				.mapToDouble((path) -> ProcessCpu.secondsWithChildren(Long.parseLong(path.getFileName().toString())))
				.filter((seconds) -> seconds > 0)
				.sum();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return "";
		}
	}

}
