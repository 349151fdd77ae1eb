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

import com.virtdevice.events.BusAccess;
import org.jspecify.annotations.Nullable;

/**
 * A real {@code redis-server} child process on a loopback port, with nothing persisted
 * but its users: ACLs are on as in production — Redis' {@code default} user is off, the
 * tests' own clients are {@value #ADMIN}, and each service gets the least-privileged user
 * of its role ({@link #urlFor}), kept in the server's ACL file so that it survives a
 * restart. Tests that need Redis to go away and come back ({@link #stop()},
 * {@link #start()}) get their own instance; everything else shares
 * {@link TestInfrastructure#redis()}.
 */
public final class RedisServerProcess extends TestRedis implements AutoCloseable {

	/** The user with every right, for the tests themselves. */
	public static final String ADMIN = "virtdevice-admin";

	private static final Duration STARTUP = Duration.ofSeconds(20);

	private final int port;

	/** A second port speaking TLS (the test certificate), or 0 for none. */
	private final int tlsPort;

	private final Path logFile;

	private final Path aclFile;

	private final String adminPassword = TestSecrets.random();

	private @Nullable Process process;

	private RedisServerProcess(int port) {
		this(port, 0);
	}

	private RedisServerProcess(int port, int tlsPort) {
		this.port = port;
		this.tlsPort = tlsPort;
		try {
			this.logFile = Files.createTempFile("virtdevice-redis-" + port + "-", ".log");
			this.logFile.toFile().deleteOnExit();
			this.aclFile = Files.createTempFile("virtdevice-redis-" + port + "-", ".acl");
			this.aclFile.toFile().deleteOnExit();
			Files.writeString(this.aclFile,
					BusAccess.defaultUserOff() + "\nuser " + ADMIN + " on >" + this.adminPassword + " ~* &* +@all\n");
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

	/**
	 * Starts a server on a free port and, on a second one, TLS with the test certificate
	 * ({@code virtdevice-test-tls/redis-test.crt} on the class path; trust it to
	 * connect).
	 */
	public static RedisServerProcess startOnFreePortWithTls() {
		RedisServerProcess server = new RedisServerProcess(FreePorts.find(), FreePorts.find());
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
		List<String> command = new java.util.ArrayList<>(List.of(RedisBinary.locate().toString(), "--port",
				Integer.toString(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize",
				"no", "--protected-mode", "no", "--aclfile", this.aclFile.toString()));
		if (this.tlsPort > 0) {
			Path certificate = TestTls.file("redis-test.crt");
			command.addAll(List.of("--tls-port", Integer.toString(this.tlsPort), "--tls-cert-file",
					certificate.toString(), "--tls-key-file", TestTls.file("redis-test.key").toString(),
					"--tls-ca-cert-file", certificate.toString(), "--tls-auth-clients", "no"));
		}
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

	@Override
	public String host() {
		return "127.0.0.1";
	}

	@Override
	public int port() {
		return this.port;
	}

	/**
	 * {@code redis://virtdevice-admin:…@127.0.0.1:port}: every right, for the tests' own
	 * clients. Services get {@link #urlFor} instead.
	 */
	public String url() {
		return adminUrl();
	}

	@Override
	public String adminUrl() {
		return "redis://" + ADMIN + ":" + this.adminPassword + "@127.0.0.1:" + this.port;
	}

	/**
	 * {@link #urlFor} over TLS: {@code rediss://user:…@127.0.0.1:tlsPort}, for a server
	 * started with {@link #startOnFreePortWithTls()}.
	 */
	public String tlsUrlFor(com.virtdevice.events.BusRole role, com.virtdevice.events.Channels channels) {
		if (this.tlsPort == 0) {
			throw new IllegalStateException("This Redis was started without TLS");
		}
		String plain = urlFor(role, channels);
		return "rediss://" + plain.substring("redis://".length(), plain.lastIndexOf(':')) + ":" + this.tlsPort;
	}

	@Override
	protected void persistUsers(io.lettuce.core.api.StatefulRedisConnection<String, String> admin) {
		acl(admin, "SAVE", List.of());
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
			out.write(
					("AUTH " + ADMIN + " " + this.adminPassword + "\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(12);
			return new String(reply, StandardCharsets.US_ASCII).equals("+OK\r\n+PONG\r\n");
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
