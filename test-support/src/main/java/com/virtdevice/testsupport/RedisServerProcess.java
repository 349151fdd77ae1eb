package com.virtdevice.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A real {@code redis-server} child process on a loopback port, with nothing persisted.
 * Tests that need Redis to go away and come back ({@link #stop()}, {@link #start()}) get
 * their own instance; everything else shares {@link TestInfrastructure#redis()}.
 */
public final class RedisServerProcess implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(20);

	private final int port;

	private final Path logFile;

	private @Nullable Process process;

	private RedisServerProcess(int port) {
		this.port = port;
		try {
			this.logFile = Files.createTempFile("virtdevice-redis-" + port + "-", ".log");
			this.logFile.toFile().deleteOnExit();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "redis-" + port + "-stop"));
	}

	/** Starts a server on a free port. */
	public static RedisServerProcess startOnFreePort() {
		RedisServerProcess server = new RedisServerProcess(FreePorts.find());
		server.start();
		return server;
	}

	/** Starts a server on the given port (for example to take over after a restart). */
	public static RedisServerProcess startOn(int port) {
		RedisServerProcess server = new RedisServerProcess(port);
		server.start();
		return server;
	}

	/** Starts the server (again) on its port and waits until it answers {@code PING}. */
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		List<String> command = List.of(RedisBinary.locate().toString(), "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no");
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command, ex);
		}
		awaitPong();
	}

	/** Stops the server at once (SIGKILL), dropping every connection and subscription. */
	public synchronized void stop() {
		Process running = this.process;
		if (running != null) {
			running.destroyForcibly();
			try {
				running.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	public boolean isRunning() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	public int port() {
		return this.port;
	}

	/** {@code redis://127.0.0.1:port}, as {@code spring.data.redis.url} takes it. */
	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	@Override
	public void close() {
		stop();
	}

	private void awaitPong() {
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			if (!isRunning()) {
				throw new IllegalStateException("redis-server on port " + this.port + " exited: " + tailOfLog());
			}
			if (answersPing()) {
				return;
			}
			sleepBriefly();
		}
		stop();
		throw new IllegalStateException(
				"redis-server on port " + this.port + " did not answer PING within " + STARTUP + ": " + tailOfLog());
	}

	private boolean answersPing() {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(7);
			return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private String tailOfLog() {
		try {
			String log = Files.readString(this.logFile);
			return log.substring(Math.max(0, log.length() - 2000));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static void sleepBriefly() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for redis-server", ex);
		}
	}

}
