package com.virtdevice.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./run-local}'s launcher as a user runs it, with
 * {@code --instances event-publisher=2,dashboard-ws=2}: it starts everything, says where
 * to go and gives a working token, and Ctrl-C (SIGINT) stops every process it started and
 * frees every port (SIGTERM where the build itself ignores SIGINT).
 */
class RunLocalIT {

	private static final Pattern URL = Pattern.compile("http://localhost:(\\d+)");

	@Test
	void startsTheHubPrintsWhereToGoAndStopsEverythingOnCtrlC() throws Exception {
		Path work = Files.createTempDirectory("virtdevice-run-local-");
		Path jar = Files.list(Path.of("target"))
			.filter((file) -> file.getFileName().toString().matches("local-stack-.*-exec\\.jar"))
			.findFirst()
			.orElseThrow();
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dvirtdevice.local-stack.services=" + System.getProperty("virtdevice.local-stack.services"), "-jar",
				jar.toString())
			.redirectErrorStream(true);
		builder.environment().put("VIRTDEVICE_LOCAL_STACK_PORTS", "free");
		builder.environment().put("VIRTDEVICE_LOCAL_STACK_DIR", work.toString());
		// ./run-local --instances event-publisher=2,dashboard-ws=2
		builder.environment().put("VIRTDEVICE_LOCAL_STACK_INSTANCES", "event-publisher=2,dashboard-ws=2");
		builder.environment().remove("REDIS_URL");
		builder.environment().remove("SPRING_DATASOURCE_URL");
		Process launcher = builder.start();
		List<String> output = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> read(launcher, output));
		reader.start();
		try {
			await().atMost(Duration.ofMinutes(4))
				.until(() -> output.stream().anyMatch((line) -> line.contains("Press Ctrl-C")) || !launcher.isAlive());
			assertThat(launcher.isAlive()).as(String.join("\n", output)).isTrue();
			String text = String.join("\n", output);
			assertThat(text).contains("5 services healthy in", "Dashboard", "Sandbox", "export TOKEN=",
					"/properties/powerState");
			List<Integer> ports = ports(text);
			List<ProcessHandle> children = launcher.descendants().toList();
			assertThat(children).hasSizeGreaterThanOrEqualTo(6);

			String token = line(output, "export TOKEN=").replaceFirst(".*export TOKEN=", "").trim();
			String publisher = output.stream()
				.filter((line) -> line.matches("\\s+event-publisher\\s+http.*"))
				.findFirst()
				.orElseThrow()
				.replaceFirst(".*(http://localhost:\\d+).*", "$1");
			HttpResponse<String> devices = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(publisher + "/api/devices"))
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(devices.body()).contains("Living room light", "Front door", "Hallway thermostat",
					"Back door sensor");

			// The second publisher serves the API on its own port
			// and stands by while the first relays.
			String secondPublisher = welcomeUrl(output, "event-publisher-2", text);
			assertThat(secondPublisher).isNotEqualTo(publisher);
			assertThat(get(secondPublisher + "/api/devices", token)).contains("Living room light");
			// The second dashboard-ws's page may call the publisher (CORS).
			String secondDashboard = welcomeUrl(output, "dashboard-ws-2", text);
			HttpResponse<String> preflight = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(publisher + "/api/devices"))
					.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
					.header("Origin", secondDashboard)
					.header("Access-Control-Request-Method", "GET")
					.header("Access-Control-Request-Headers", "authorization")
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as("CORS for " + secondDashboard)
				.hasValue(secondDashboard);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(
						() -> assertThat(relayRoles(publisher, secondPublisher)).containsExactly("LEADER", "STANDBY"));

			// Ctrl-C. A build started in the background of a shell without job control
			// (nohup, "./mvnw verify &" in a script) ignores SIGINT, and so does every
			// process it starts: the launcher cannot see a Ctrl-C there, as no terminal
			// could send it one. It then gets the signal a service manager sends, which
			// takes the same way out.
			String signal = ignoresSigint() ? "-TERM" : "-INT";
			if (signal.equals("-TERM")) {
				System.out
					.println("run-local | this build ignores SIGINT (started in the background): sending SIGTERM");
			}
			new ProcessBuilder("kill", signal, Long.toString(launcher.pid())).start().waitFor();

			// A build's first run writes each service's class data sharing archive as it
			// stops: about 40 s for five services on 2 cores, more on a busy machine.
			assertThat(launcher.waitFor(180, TimeUnit.SECONDS)).as("the launcher exits").isTrue();
			reader.join(5000);
			assertThat(String.join("\n", output)).contains("Stopped: every service, the sandbox, Redis and PostgreSQL");
			await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
			for (int port : ports) {
				assertThat(listening(port)).as("port %d is free again", port).isFalse();
			}
		}
		finally {
			launcher.destroyForcibly();
			launcher.descendants().forEach(ProcessHandle::destroyForcibly);
		}
	}

	/** The URL the welcome lists for an instance. */
	private static String welcomeUrl(List<String> output, String instance, String text) {
		return output.stream()
			.filter((line) -> line.matches("\\s+" + instance + "\\s+http.*"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + instance + " in the welcome:\n" + text))
			.replaceFirst(".*(http://localhost:\\d+).*", "$1");
	}

	private static String get(String url, String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static List<String> relayRoles(String... publishers) throws Exception {
		List<String> roles = new ArrayList<>();
		for (String publisher : publishers) {
			String health = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(publisher + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			Matcher role = Pattern.compile("\"relay\":\\{[^}]*?\"role\":\"([A-Z]+)\"").matcher(health);
			roles.add(role.find() ? role.group(1) : health);
		}
		return roles;
	}

	private static List<Integer> ports(String text) {
		Matcher matcher = URL.matcher(text);
		List<Integer> ports = new ArrayList<>();
		while (matcher.find()) {
			ports.add(Integer.parseInt(matcher.group(1)));
		}
		return ports.stream().distinct().toList();
	}

	private static String line(List<String> output, String containing) {
		return output.stream().filter((line) -> line.contains(containing)).findFirst().orElseThrow();
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Whether this JVM was started with SIGINT ignored ({@code SigIgn} in
	 * {@code /proc/self/status}, bit 1 for signal 2), which the launcher inherits.
	 */
	private static boolean ignoresSigint() throws IOException {
		Path status = Path.of("/proc/self/status");
		if (!Files.isReadable(status)) {
			return false;
		}
		return Files.readAllLines(status)
			.stream()
			.filter((line) -> line.startsWith("SigIgn:"))
			.map((line) -> new BigInteger(line.substring("SigIgn:".length()).trim(), 16))
			.anyMatch((ignored) -> ignored.testBit(1));
	}

	private static void read(Process process, List<String> output) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				output.add(line);
				System.out.println("run-local | " + line);
			}
		}
		catch (IOException ex) {
			// the process is gone
		}
	}

}
