package com.virtdevice.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident set size of a process, from {@code /proc} (Linux only). */
final class ResidentMemory {

	private ResidentMemory() {
	}

	/** The RSS in KiB, if known. */
	static OptionalLong of(long pid) {
		if (pid <= 0) {
			return OptionalLong.empty();
		}
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// not Linux, or the process is gone
		}
		return OptionalLong.empty();
	}

}
