package com.virtdevice.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard page in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; CI installs them). Leaves a screenshot in {@code target/} when
 * a wait fails.
 */
final class Browser implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final ChromeDriver driver;

	private Browser(ChromeDriver driver) {
		this.driver = driver;
	}

	static Browser start() throws IOException {
		Path chromium = Path.of(System.getenv().getOrDefault("VIRTDEVICE_TEST_CHROMIUM", "/usr/bin/chromium"));
		Path chromedriver = Path
			.of(System.getenv().getOrDefault("VIRTDEVICE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
		assertThat(chromium).as("Chromium: apt-get install -y chromium chromium-driver").isExecutable();
		assertThat(chromedriver).as("chromedriver: apt-get install -y chromium-driver").isExecutable();
		ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=1280,1000",
					"--user-data-dir=" + Files.createTempDirectory("e2e-chromium-"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		return new Browser(new ChromeDriver(service, options));
	}

	void open(String url) {
		this.driver.get(url);
	}

	/** Signs in with the local stack's dev sign-in and waits until the page is live. */
	void devSignIn(String user, String tenant) {
		untilTrue(() -> this.driver.findElement(By.id("dev-form")).isDisplayed());
		type("dev-user", user);
		type("dev-tenant", tenant);
		this.driver.findElement(By.id("dev-submit")).click();
		untilTrue(() -> "live".equals(this.driver.findElement(By.id("connection")).getAttribute("data-state")));
	}

	/** Waits until the shown value of a device's property passes the test; returns it. */
	String awaitValue(String deviceId, String property, Predicate<String> expected) {
		untilTrue(() -> expected.test(value(deviceId, property)));
		return value(deviceId, property);
	}

	Object script(String javascript) {
		return ((JavascriptExecutor) this.driver).executeScript(javascript);
	}

	@Override
	public void close() {
		this.driver.quit();
	}

	/** The value as on the wire ({@code data-value}; the page shows it readably). */
	private String value(String deviceId, String property) {
		try {
			WebElement cell = this.driver.findElement(By
				.cssSelector("#devices li[data-device-id='" + deviceId + "'] dd[data-property='" + property + "']"));
			String value = cell.getAttribute("data-value");
			return (value != null) ? value : "";
		}
		catch (NoSuchElementException ex) {
			return "";
		}
	}

	private void type(String id, String text) {
		WebElement field = this.driver.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	private void untilTrue(java.util.concurrent.Callable<Boolean> condition) {
		try {
			await().atMost(WAIT).ignoreExceptions().until(condition);
		}
		catch (RuntimeException ex) {
			try {
				Path shot = Path.of("target", "e2e-browser-failure.png");
				Files.createDirectories(shot.getParent());
				Files.write(shot, this.driver.getScreenshotAs(OutputType.BYTES));
				Files.writeString(Path.of("target", "e2e-browser-failure.html"), this.driver.getPageSource());
			}
			catch (IOException | RuntimeException screenshot) {
				ex.addSuppressed(screenshot);
			}
			throw ex;
		}
	}

}
