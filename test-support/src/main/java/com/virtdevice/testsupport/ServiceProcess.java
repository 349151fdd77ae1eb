package com.virtdevice.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A hub service running as its own process from its executable jar, as in production:
 * {@code java -jar <service>-exec.jar}. Properties go in through
 * {@code SPRING_APPLICATION_JSON}, so secrets do not show in the process list. Used by
 * tests that need a real neighbour service and by the local stack.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Path jar;

	private final int port;

	private final Map<String, String> properties;

	private final List<String> javaOptions;

	private final Path logFile;

	private final Duration stopGracePeriod;

	private @Nullable Process process;

	private volatile @Nullable Integer lastExitCode;

	private ServiceProcess(Builder builder) {
		this.name = builder.name;
		this.jar = builder.jar;
		this.port = (builder.port != 0) ? builder.port : FreePorts.find();
		this.properties = new LinkedHashMap<>(builder.properties);
		this.properties.put("server.port", Integer.toString(this.port));
		this.javaOptions = List.copyOf(builder.javaOptions);
		this.logFile = (builder.logFile != null) ? builder.logFile : tempLog(this.name);
		this.stopGracePeriod = builder.stopGracePeriod;
	}

	/** A service to run from the given executable jar. */
	public static Builder jar(Path jar) {
		return new Builder(jar);
	}

	/** Starts the process (again, after {@link #stop()} or {@link #kill()}). */
	public synchronized ServiceProcess start() {
		if (isAlive()) {
			return this;
		}
		if (!Files.isRegularFile(this.jar)) {
			throw new IllegalStateException("No jar at " + this.jar.toAbsolutePath() + " for " + this.name
					+ "; build it first with ./mvnw package -DskipTests");
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.javaOptions);
		command.add("-jar");
		command.add(this.jar.toAbsolutePath().toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
		builder.environment().put("SPRING_APPLICATION_JSON", json(this.properties));
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.name, ex);
		}
		return this;
	}

	/**
	 * Waits until {@code /actuator/health} answers 200, or fails with the end of the log.
	 */
	public ServiceProcess awaitHealthy(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!isAlive()) {
				throw new IllegalStateException(this.name + " exited while starting:\n" + logTail(4000));
			}
			if (isHealthy()) {
				return this;
			}
			pause(200);
		}
		throw new IllegalStateException(this.name + " was not healthy within " + timeout + ":\n" + logTail(4000));
	}

	/** Whether {@code /actuator/health} answers 200 now. */
	public boolean isHealthy() {
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
				.timeout(Duration.ofSeconds(2))
				.build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Stops gracefully (SIGTERM), waiting for shutdown; kills it if it does not stop
	 * within the grace period (30 s unless the builder said otherwise).
	 */
	public synchronized void stop() {
		Process running = this.process;
		if (running != null) {
			running.destroy();
			try {
				if (!running.waitFor(this.stopGracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
					running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			rememberExitCode(running);
			this.process = null;
		}
	}

	/** Kills the process at once (SIGKILL): no shutdown hooks, nothing flushed. */
	public synchronized void kill() {
		Process running = this.process;
		if (running != null) {
			running.destroyForcibly();
			try {
				running.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			rememberExitCode(running);
			this.process = null;
		}
	}

	/**
	 * The exit code of the process last stopped or killed here, or {@code null} if none
	 * has ended yet (143 is a graceful stop by SIGTERM, 137 a kill).
	 */
	public @Nullable Integer lastExitCode() {
		return this.lastExitCode;
	}

	private void rememberExitCode(Process ended) {
		this.lastExitCode = ended.isAlive() ? null : ended.exitValue();
	}

	public boolean isAlive() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.port;
	}

	/** {@code http://localhost:port}. */
	public String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/** The process id, or -1 when not running. */
	public long pid() {
		Process running = this.process;
		return (running != null) ? running.pid() : -1;
	}

	public Path logFile() {
		return this.logFile;
	}

	/** The last characters of the service's log. */
	public String logTail(int characters) {
		try {
			String log = Files.readString(this.logFile);
			return log.substring(Math.max(0, log.length() - characters));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		stop();
	}

	private static String json(Map<String, String> properties) {
		return properties.entrySet()
			.stream()
			.map((entry) -> quote(entry.getKey()) + ":" + quote(entry.getValue()))
			.collect(Collectors.joining(",", "{", "}"));
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	private static Path tempLog(String name) {
		try {
			Path log = Files.createTempFile("virtdevice-" + name + "-", ".log");
			log.toFile().deleteOnExit();
			return log;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/** Configures a {@link ServiceProcess}. */
	public static final class Builder {

		private final Path jar;

		private String name;

		private int port;

		private final Map<String, String> properties = new LinkedHashMap<>();

		private final List<String> javaOptions = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1"));

		private @Nullable Path logFile;

		private Duration stopGracePeriod = Duration.ofSeconds(30);

		private Builder(Path jar) {
			this.jar = jar;
			this.name = jar.getFileName().toString().replaceAll("-[0-9].*", "");
		}

		public Builder name(String name) {
			this.name = name;
			return this;
		}

		/** A fixed port; by default a free one. */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/** A Spring property, e.g. {@code spring.datasource.url}. */
		public Builder property(String name, String value) {
			this.properties.put(name, value);
			return this;
		}

		public Builder properties(Map<String, String> values) {
			this.properties.putAll(values);
			return this;
		}

		/**
		 * Replaces the JVM options (default: fast start-up,
		 * {@code -XX:TieredStopAtLevel=1}).
		 */
		public Builder javaOptions(String... options) {
			this.javaOptions.clear();
			this.javaOptions.addAll(List.of(options));
			return this;
		}

		public Builder logFile(Path file) {
			this.logFile = file;
			return this;
		}

		/**
		 * How long {@link ServiceProcess#stop()} waits before it kills (default 30 s).
		 */
		public Builder stopGracePeriod(Duration gracePeriod) {
			this.stopGracePeriod = gracePeriod;
			return this;
		}

		/** Builds and starts the process; call {@link ServiceProcess#awaitHealthy}. */
		public ServiceProcess start() {
			return new ServiceProcess(this).start();
		}

		/** Builds it without starting. */
		public ServiceProcess build() {
			return new ServiceProcess(this);
		}

	}

}
