package com.virtdevice.dashboard.page;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.virtdevice.dashboard.RunningDashboard;
import com.virtdevice.events.ChangeSource;
import com.virtdevice.testsupport.RecordedRequest;
import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser (headless Chromium driven by Selenium): sign in, see
 * the user's devices, see changes made elsewhere appear without a reload, change a
 * property from the page, and keep every change across a dropped connection. The page
 * talks to {@link com.virtdevice.dashboard.DevicesApiFake} as the publisher's REST API
 * (CORS included) and to the real relay over STOMP.
 * <p>
 * Tagged {@code browser}: it runs in the {@code browser-tests} Maven profile, which turns
 * on by itself where {@code /usr/bin/chromedriver} exists (CI forces it with
 * {@code -Pbrowser-tests}); without it the build leaves it out and says so. Once run, it
 * fails, never skips, when Chromium is missing: {@code apt-get install chromium
 * chromium-driver}. {@code VIRTDEVICE_TEST_CHROMIUM} and
 * {@code VIRTDEVICE_TEST_CHROMEDRIVER} point elsewhere.
 */
@Tag("browser")
class DashboardBrowserIT extends RunningDashboard {

	private static final Path CHROMIUM = Path.of(env("VIRTDEVICE_TEST_CHROMIUM", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path.of(env("VIRTDEVICE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** docs/benchmarks.md: REST → STOMP p99 target at 1,000 changes/s. */
	private static final long END_TO_END_P99_MS = 25;

	private static final HttpClient api = HttpClient.newHttpClient();

	private static @Nullable ChromeDriver browser;

	private static @Nullable Path profile;

	@RegisterExtension
	final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> browser);

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startChromium() throws Exception {
		assertThat(CHROMIUM).as("Chromium for the browser test: apt-get install -y chromium chromium-driver")
			.isExecutable();
		assertThat(CHROMEDRIVER).as("chromedriver for the browser test: apt-get install -y chromium-driver")
			.isExecutable();
		profile = Files.createTempDirectory("dashboard-chromium-");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopChromium() {
		if (browser != null) {
			browser.quit();
		}
	}

	@BeforeEach
	void openThePageSignedOut() {
		browser().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		browser().get("http://localhost:" + this.port + "/");
		script("sessionStorage.clear()");
		browser().navigate().refresh();
		shown().until(() -> element("#connection").getAttribute("data-state").equals("signed-out"));
	}

	@Test
	void showsAChangeMadeThroughThePublishersApiWithoutReload() throws Exception {
		String lamp = device("henry-lamp", "henry", "Hall lamp", Map.of("powerState", "OFF", "brightness", "40"));
		device("henry-plug", "henry", "Kettle plug", Map.of("powerState", "OFF"));
		script("window.loadedOnce = 'yes'");

		element("#token").sendKeys(userToken("henry"));
		element("#token-submit").click();
		awaitLive();
		shown().until(() -> value(lamp, "powerState").equals("OFF"));
		assertThat(browser().findElements(By.cssSelector("#devices li.device"))).hasSize(2);

		HttpResponse<String> put = putProperty(lamp, "powerState", "{\"value\":\"ON\",\"source\":\"alexa\"}",
				userToken("henry"));
		assertThat(put.statusCode()).isEqualTo(200);

		shown().until(() -> value(lamp, "powerState").equals("ON"));
		assertThat(shownValue(lamp, "powerState")).isEqualTo("On");
		assertThat(element("#log li").getText()).contains("Hall lamp", "Power Off → On", "Alexa");
		assertThat(script("return window.loadedOnce")).as("the page was not reloaded").isEqualTo("yes");
	}

	@Test
	void changesAPropertyFromThePageAndKeepsChangesAcrossADroppedConnection() {
		String lamp = device("ivy-lamp", "ivy", "Desk lamp", Map.of("powerState", "OFF", "brightness", "10"));

		element("#dev-user").clear();
		element("#dev-user").sendKeys("ivy");
		element("#dev-tenant").clear();
		element("#dev-tenant").sendKeys(tenantOf("ivy"));
		element("#dev-submit").click();
		awaitLive();
		shown().until(() -> value(lamp, "powerState").equals("OFF"));

		cell(lamp, "powerState").findElement(By.tagName("button")).click();
		shown().until(() -> value(lamp, "powerState").equals("ON"));
		assertThat(element("#log li").getText()).contains("Power Off → On", "Web");
		assertThat(devicesApi.http().requests()).anyMatch((request) -> request.method().equals("PUT")
				&& request.bodyAsString().contains("\"source\":\"web\"") && request.header("Origin") != null);

		script("window.virtdeviceDashboard.dropConnection()");
		devicesApi.change(lamp, "brightness", "75", ChangeSource.IFTTT);

		shown().until(() -> value(lamp, "brightness").equals("75"));
		assertThat(element("#connection").getText()).startsWith("Live (resumed after event");
		assertThat(element("#log li").getText()).contains("Brightness 10 % → 75 %", "IFTTT");
	}

	@Test
	void givesEachDeviceTypeItsControlsAndNothingOverflowsItsCardOnAPhoneOrAWideScreen() throws Exception {
		House house = house("kim");
		signInAs("kim");
		shown().until(() -> browser().findElements(By.cssSelector("#devices li.device")).size() == 5);

		assertThat(control(house.light(), "powerState", "[role=switch]").getAttribute("aria-checked"))
			.isEqualTo("false");
		assertThat(control(house.light(), "brightness", "input[type=range]").getAttribute("value")).isEqualTo("60");
		assertThat(shownValue(house.light(), "brightness")).isEqualTo("60 %");
		assertThat(control(house.light(), "colorTemperatureInKelvin", "input[type=range]").getAttribute("value"))
			.isEqualTo("2700");
		assertThat(shownValue(house.light(), "colorTemperatureInKelvin")).isEqualTo("2700 K");
		assertThat(shownValue(house.light(), "connectivity")).isEqualTo("Online");
		assertThat(shownValue(house.thermostat(), "targetSetpoint")).isEqualTo("21.0 °C");
		assertThat(shownValue(house.thermostat(), "temperature")).isEqualTo("19.5 °C");
		assertThat(control(house.thermostat(), "targetSetpoint", "button[aria-label^='Raise']").isDisplayed()).isTrue();
		assertThat(control(house.thermostat(), "thermostatMode", "input[type=radio]:checked").getAttribute("value"))
			.isEqualTo("HEAT");
		assertThat(control(house.lock(), "lockState", "button").getText()).isEqualTo("Unlock");
		assertThat(shownValue(house.lock(), "lockState")).isEqualTo("Locked");
		assertThat(shownValue(house.sensor(), "contact")).isEqualTo("Closed");
		for (String[] status : new String[][] { { house.sensor(), "contact" }, { house.light(), "connectivity" } }) {
			assertThat(cell(status[0], status[1]).findElement(By.cssSelector(".value")).getAttribute("class"))
				.contains("badge");
			assertThat(cell(status[0], status[1]).findElements(By.cssSelector("button, input"))).isEmpty();
		}
		assertThat(element("#devices").getText()).as("no raw JSON on the page").doesNotContain("{", "CELSIUS");
		assertThat(browser().findElements(By.cssSelector("#devices details.editor")))
			.as("the generic editor only where no control fits")
			.hasSize(1)
			.allSatisfy(
					(editor) -> assertThat(editor.findElement(By.xpath("ancestor::li")).getAttribute("data-device-id"))
						.isEqualTo(house.fan()));

		for (int width : new int[] { 375, 1280 }) {
			viewport(width);
			assertThat(overflowing()).as("at %d px", width).isEmpty();
			screenshot("dashboard-" + width + ".png");
			script("document.querySelectorAll('#devices details').forEach((d) => { d.open = true; })");
			assertThat(overflowing()).as("at %d px, every editor open", width).isEmpty();
			screenshot("dashboard-" + width + "-editors-open.png");
			script("document.querySelectorAll('#devices details').forEach((d) => { d.open = false; })");
		}
	}

	@Test
	void hasNoSeriousAccessibilityViolationsSignedOutOrSignedIn() throws Exception {
		house("lou");
		assertThat(seriousAccessibilityViolations()).as("signed out").isEqualTo("[]");

		signInAs("lou");
		shown().until(() -> browser().findElements(By.cssSelector("#devices li.device")).size() == 5);
		assertThat(seriousAccessibilityViolations()).as("signed in, 1280 px").isEqualTo("[]");
		viewport(375);
		assertThat(seriousAccessibilityViolations()).as("signed in, 375 px").isEqualTo("[]");
	}

	@Test
	void everyControlWorksFromTheKeyboard() {
		House house = house("max");
		signInAs("max");
		shown().until(() -> browser().findElements(By.cssSelector("#devices li.device")).size() == 5);

		operate(control(house.light(), "powerState", "[role=switch]"), Keys.SPACE);
		awaitValue(house.light(), "powerState", "ON");
		assertThat(control(house.light(), "powerState", "[role=switch]").getAttribute("aria-checked"))
			.isEqualTo("true");

		operate(control(house.light(), "brightness", "input[type=range]"), Keys.ARROW_RIGHT);
		awaitValue(house.light(), "brightness", "61");

		operate(control(house.light(), "colorTemperatureInKelvin", "input[type=range]"), Keys.ARROW_LEFT);
		awaitValue(house.light(), "colorTemperatureInKelvin", "2600");

		operate(control(house.thermostat(), "targetSetpoint", "button[aria-label^='Raise']"), Keys.ENTER);
		awaitValue(house.thermostat(), "targetSetpoint", "{\"value\":21.5,\"scale\":\"CELSIUS\"}");
		assertThat(shownValue(house.thermostat(), "targetSetpoint")).isEqualTo("21.5 °C");

		operate(control(house.thermostat(), "thermostatMode", "input[type=radio]:checked"), Keys.ARROW_RIGHT);
		awaitValue(house.thermostat(), "thermostatMode", "COOL");

		operate(control(house.lock(), "lockState", "button"), Keys.ENTER);
		awaitValue(house.lock(), "lockState", "UNLOCKED");
		assertThat(control(house.lock(), "lockState", "button").getText()).isEqualTo("Lock");

		operate(control(house.fan(), "mode:Speed", "summary"), Keys.ENTER);
		tabTo(control(house.fan(), "mode:Speed", "input"));
		new Actions(browser()).keyDown(Keys.CONTROL)
			.sendKeys("a")
			.keyUp(Keys.CONTROL)
			.sendKeys("high", Keys.ENTER)
			.perform();
		awaitValue(house.fan(), "mode:Speed", "high");

		WebElement other = element("#devices li[data-device-id='" + house.fan() + "'] details.other summary");
		operate(other, Keys.ENTER);
		new Actions(browser()).sendKeys(Keys.TAB, "note", Keys.TAB, "dusty", Keys.ENTER).perform();
		awaitValue(house.fan(), "note", "dusty");

		assertThat(devicesApi.http().requests())
			.filteredOn((request) -> request.method().equals("PUT") && request.path().startsWith("/api/devices/max-"))
			.extracting(RecordedRequest::bodyAsString)
			.containsExactly("{\"value\":\"ON\",\"source\":\"web\"}", "{\"value\":\"61\",\"source\":\"web\"}",
					"{\"value\":\"2600\",\"source\":\"web\"}",
					"{\"value\":\"{\\\"value\\\":21.5,\\\"scale\\\":\\\"CELSIUS\\\"}\",\"source\":\"web\"}",
					"{\"value\":\"COOL\",\"source\":\"web\"}", "{\"value\":\"UNLOCKED\",\"source\":\"web\"}",
					"{\"value\":\"high\",\"source\":\"web\"}", "{\"value\":\"dusty\",\"source\":\"web\"}");
	}

	@Test
	void showsAChangeMadeByRestWithinTheBenchmarkedEndToEndLatency() throws Exception {
		String lamp = device("nia-lamp", "nia", "Porch lamp", Map.of("brightness", "10"));
		signInAs("nia");
		awaitValue(lamp, "brightness", "10");

		List<Long> latencies = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			String next = String.valueOf(10 + i);
			script("const cell = document.querySelector(\"#devices li[data-device-id='" + lamp
					+ "'] dd[data-property='brightness']\"); const expected = arguments[0]; window.shownAt = null;"
					+ "new MutationObserver((changes, observer) => { if (cell.dataset.value === expected) {"
					+ " window.shownAt = Date.now(); observer.disconnect(); } })"
					+ ".observe(cell, { attributes: true, attributeFilter: ['data-value'] });", next);
			long sent = System.currentTimeMillis();
			assertThat(
					putProperty(lamp, "brightness", "{\"value\":\"" + next + "\",\"source\":\"api\"}", userToken("nia"))
						.statusCode())
				.isEqualTo(200);
			shown().until(() -> script("return window.shownAt") != null);
			latencies.add(((Number) script("return window.shownAt")).longValue() - sent);
		}
		System.out.println("REST PUT -> shown on the page (ms): " + latencies);
		// docs/benchmarks.md: end to end p99 <= 25 ms (REST -> STOMP at 1,000/s); one
		// change
		// at a time on an idle hub, the browser included, stays within it.
		assertThat(latencies.stream().sorted().toList().get(latencies.size() / 2)).as("median of %s", latencies)
			.isLessThanOrEqualTo(END_TO_END_P99_MS);
	}

	@Test
	void worksOnWhicheverHostNameThePageWasOpenedWith() {
		String lamp = device("olga-lamp", "olga", "Attic lamp", Map.of("powerState", "OFF"));
		for (String host : List.of("127.0.0.1", "localhost")) {
			browser().get("http://" + host + ":" + this.port + "/");
			script("sessionStorage.clear()");
			browser().navigate().refresh();
			signInAs("olga");
			awaitValue(lamp, "powerState", "OFF");

			RecordedRequest list = devicesApi.http()
				.requests()
				.stream()
				.filter((request) -> request.method().equals("GET") && request.path().equals("/api/devices"))
				.reduce((first, second) -> second)
				.orElseThrow();
			assertThat(list.header("Origin")).isEqualTo("http://" + host + ":" + this.port);
			assertThat(list.header("Host")).as("the publisher on the host name the page was opened with")
				.isEqualTo(host + ":" + devicesApi.http().port());
		}
	}

	@Test
	void fillsTheEventLogWithTheUsersRecentEventsOnLoad() {
		String lamp = device("pia-lamp", "pia", "Reading lamp", Map.of("powerState", "OFF", "brightness", "40"));
		String stranger = device("quinn-lamp", "quinn", "Quinn's lamp", Map.of("powerState", "OFF"));
		devicesApi.change(lamp, "brightness", "75", ChangeSource.IFTTT);
		devicesApi.change(stranger, "powerState", "ON", ChangeSource.ALEXA);
		devicesApi.change(lamp, "powerState", "ON", ChangeSource.ALEXA);

		signInAs("pia");
		assertRecentEvents();
		browser().navigate().refresh();
		awaitLive();
		assertRecentEvents();
	}

	private void assertRecentEvents() {
		shown().until(() -> browser().findElements(By.cssSelector("#log li")).size() == 2);
		List<WebElement> events = browser().findElements(By.cssSelector("#log li"));
		assertThat(events.get(0).getText()).contains("Reading lamp", "Power Off → On", "Alexa", "just now");
		assertThat(events.get(1).getText()).contains("Reading lamp", "Brightness 40 % → 75 %", "IFTTT");
		assertThat(element("#log").getText()).doesNotContain("Quinn");
	}

	/**
	 * A light, a lock, a thermostat, a contact sensor and a fan with a property no
	 * control fits.
	 */
	private static House house(String user) {
		return new House(
				device(user + "-light", user, "Living room light", "LIGHT",
						Map.of("powerState", "OFF", "brightness", "60", "colorTemperatureInKelvin", "2700",
								"connectivity", "{\"value\":\"OK\"}")),
				device(user + "-lock", user, "Front door", "LOCK", Map.of("lockState", "LOCKED")),
				device(user + "-thermostat", user, "Hallway thermostat", "THERMOSTAT",
						Map.of("thermostatMode", "HEAT", "targetSetpoint", "{\"value\":21.0,\"scale\":\"CELSIUS\"}",
								"temperature", "{\"value\":19.5,\"scale\":\"CELSIUS\"}")),
				device(user + "-sensor", user, "Back door sensor", "CONTACT_SENSOR", Map.of("contact", "NOT_DETECTED")),
				device(user + "-fan", user, "Ceiling fan with a rather long name for a small card", "FAN",
						Map.of("mode:Speed", "low")));
	}

	private record House(String light, String lock, String thermostat, String sensor, String fan) {
	}

	private void signInAs(String user) {
		element("#dev-user").clear();
		element("#dev-user").sendKeys(user);
		element("#dev-tenant").clear();
		element("#dev-tenant").sendKeys(tenantOf(user));
		element("#dev-submit").click();
		awaitLive();
	}

	private static void awaitValue(String deviceId, String property, String expected) {
		shown().until(() -> expected.equals(value(deviceId, property)));
	}

	private static WebElement control(String deviceId, String property, String css) {
		return shown().until(() -> cell(deviceId, property).findElement(By.cssSelector(css)), (found) -> true);
	}

	/** Reaches the control with Tab alone, then presses the key on it. */
	private static void operate(WebElement control, Keys key) {
		tabTo(control);
		new Actions(browser()).sendKeys(key).perform();
		assertThat(script("const active = document.activeElement; return active === arguments[0]"
				+ " || (arguments[0].type === 'radio' && active.name === arguments[0].name)", control))
			.as("focus stays on the control (or its radio group)")
			.isEqualTo(true);
	}

	private static void tabTo(WebElement control) {
		for (int presses = 0; presses < 200; presses++) {
			if (control.equals(script("return document.activeElement"))) {
				return;
			}
			new Actions(browser()).sendKeys(Keys.TAB).perform();
		}
		throw new AssertionError("Tab never reached " + control.getAttribute("outerHTML"));
	}

	/**
	 * Elements that stick out of their card or panel, and a page wider than the viewport.
	 */
	@SuppressWarnings("unchecked")
	private static List<String> overflowing() {
		return (List<String>) script("""
				const problems = [];
				for (const box of document.querySelectorAll('#devices .device, main > .panel:not([hidden])')) {
					const outer = box.getBoundingClientRect();
					for (const node of box.querySelectorAll('*')) {
						const inner = node.getBoundingClientRect();
						if ((inner.width === 0 && inner.height === 0) || !node.checkVisibility()) {
							continue;
						}
						if (inner.left < outer.left - 0.5 || inner.right > outer.right + 0.5
								|| inner.top < outer.top - 0.5 || inner.bottom > outer.bottom + 0.5) {
							problems.push((box.getAttribute('aria-labelledby') || box.id) + ': '
								+ node.outerHTML.slice(0, 120));
						}
					}
				}
				const width = document.documentElement.scrollWidth;
				if (width > window.innerWidth) {
					problems.push('page ' + width + ' px wide in a ' + window.innerWidth + ' px viewport');
				}
				return problems;""");
	}

	private static void viewport(int width) {
		browser().executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 600));
		shown().until(() -> ((Number) script("return window.innerWidth")).intValue() == width);
	}

	private static void screenshot(String name) throws IOException {
		Map<String, Object> shot = browser().executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true));
		Path file = Path.of("target", "screenshots", name);
		Files.createDirectories(file.getParent());
		Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
	}

	/** axe-core's serious and critical violations on the page as it is, as JSON. */
	private static String seriousAccessibilityViolations() throws IOException {
		try (InputStream axe = DashboardBrowserIT.class.getResourceAsStream("/axe.min.js")) {
			assertThat(axe).as("axe.min.js on the test classpath").isNotNull();
			script(new String(axe.readAllBytes(), StandardCharsets.UTF_8));
		}
		browser().manage().timeouts().scriptTimeout(WAIT);
		return (String) browser().executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { resultTypes: ['violations'] })
					.then((result) => done(JSON.stringify(result.violations
						.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
						.map((violation) => ({ id: violation.id, help: violation.help,
							nodes: violation.nodes.map((node) => node.target.join(' ')) })))))
					.catch((error) => done('axe failed: ' + error));""");
	}

	/**
	 * Waits for the page: an element not yet rendered (the device list still loading) is
	 * waited for, not a failure.
	 */
	private static ConditionFactory shown() {
		return await().atMost(WAIT).ignoreExceptionsInstanceOf(NoSuchElementException.class);
	}

	private void awaitLive() {
		shown().until(() -> "live".equals(element("#connection").getAttribute("data-state")));
	}

	/** The property's value as on the wire (the page shows it readably). */
	private static String value(String deviceId, String property) {
		return cell(deviceId, property).getAttribute("data-value");
	}

	/** The property's value as the page shows it. */
	private static String shownValue(String deviceId, String property) {
		return cell(deviceId, property).findElement(By.cssSelector(".value")).getText();
	}

	private static WebElement cell(String deviceId, String property) {
		return element("#devices li[data-device-id='" + deviceId + "'] dd[data-property='" + property + "']");
	}

	private static WebElement element(String css) {
		return browser().findElement(By.cssSelector(css));
	}

	private static @Nullable Object script(String javascript, Object... arguments) {
		return ((JavascriptExecutor) browser()).executeScript(javascript, arguments);
	}

	private static ChromeDriver browser() {
		if (browser == null) {
			throw new IllegalStateException("Chromium did not start");
		}
		return browser;
	}

	private static HttpResponse<String> putProperty(String deviceId, String property, String body, String token)
			throws Exception {
		return api.send(HttpRequest
			.newBuilder(URI.create(devicesApi.baseUrl() + "/api/devices/" + deviceId + "/properties/" + property))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
