package com.virtdevice.dashboard.page;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.virtdevice.dashboard.RunningDashboard;
import com.virtdevice.events.ChangeSource;
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
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

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
		assertThat(element("#log tr").getText()).contains("Hall lamp", "powerState: OFF → ON", "alexa");
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
		assertThat(element("#log tr").getText()).contains("powerState: OFF → ON", "web");
		assertThat(devicesApi.http().requests()).anyMatch((request) -> request.method().equals("PUT")
				&& request.bodyAsString().contains("\"source\":\"web\"") && request.header("Origin") != null);

		script("window.virtdeviceDashboard.dropConnection()");
		devicesApi.change(lamp, "brightness", "75", ChangeSource.IFTTT);

		shown().until(() -> value(lamp, "brightness").equals("75"));
		assertThat(element("#connection").getText()).startsWith("Live (resumed after event");
		assertThat(element("#log tr").getText()).contains("brightness: 10 → 75", "ifttt");
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

	private static String value(String deviceId, String property) {
		return cell(deviceId, property).findElement(By.cssSelector(".value")).getText();
	}

	private static WebElement cell(String deviceId, String property) {
		return element("#devices li[data-device-id='" + deviceId + "'] dd[data-property='" + property + "']");
	}

	private static WebElement element(String css) {
		return browser().findElement(By.cssSelector(css));
	}

	private static @Nullable Object script(String javascript) {
		return ((JavascriptExecutor) browser()).executeScript(javascript);
	}

	private static ChromeDriver browser() {
		if (browser == null) {
			throw new IllegalStateException("Chromium did not start");
		}
		return browser;
	}

	private static HttpResponse<String> putProperty(String deviceId, String property, String body, String token)
			throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest
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
