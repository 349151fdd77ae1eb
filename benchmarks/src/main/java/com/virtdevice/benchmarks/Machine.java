package com.virtdevice.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the run ran on, for the report: the figures mean little without it. */
final class Machine {

	private Machine() {
	}

	static Map<String, Object> describe() {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("cpu", firstValue("/proc/cpuinfo", "model name"));
		machine.put("processors", Runtime.getRuntime().availableProcessors());
		machine.put("memoryMiB", parseKib(firstValue("/proc/meminfo", "MemTotal")) / 1024);
		machine.put("kernel", read("/proc/sys/kernel/osrelease").trim());
		machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		machine.put("loadAverageAtStart", loadAverage());
		return machine;
	}

	/** {@code /proc/loadavg}'s 1, 5 and 15 minute averages. */
	static String loadAverage() {
		String[] fields = read("/proc/loadavg").trim().split("\\s+");
		return (fields.length >= 3) ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
	}

	private static String firstValue(String file, String key) {
		for (String line : read(file).split("\n")) {
			if (line.startsWith(key)) {
				return line.substring(line.indexOf(':') + 1).trim();
			}
		}
		return "unknown";
	}

	private static long parseKib(String value) {
		try {
			return Long.parseLong(value.replaceAll("[^0-9]", ""));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static String read(String file) {
		try {
			return Files.readString(Path.of(file));
		}
		catch (IOException ex) {
			return "";
		}
	}

}
