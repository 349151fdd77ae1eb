package com.virtdevice.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used, from {@code /proc/<pid>/stat} (Linux). CPU per request
 * barely moves with the machine's load, unlike requests per second, so it is what tells a
 * fix from noise on a shared machine.
 */
final class ProcessCpu {

	/**
	 * Linux reports utime and stime in clock ticks, 100 a second on every usual kernel.
	 */
	private static final double TICKS_PER_SECOND = 100;

	private ProcessCpu() {
	}

	/** User plus system CPU seconds of the process so far, or -1 if unknown. */
	static double seconds(long pid) {
		return sum(pid, 11, 12);
	}

	/**
	 * User plus system CPU seconds of the process and of its children that ended and were
	 * waited for (a postmaster's finished backends), or -1 if unknown.
	 */
	static double secondsWithChildren(long pid) {
		return sum(pid, 11, 12, 13, 14);
	}

	private static double sum(long pid, int... fieldsAfterName) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// The command name (field 2) may hold spaces; the fields after it do not.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = 0;
			for (int field : fieldsAfterName) {
				ticks += Long.parseLong(fields[field]);
			}
			return ticks / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
