package com.virtdevice.dashboard.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * When a browser test fails, keeps what the browser showed: a screenshot and the page's
 * HTML in {@code target/browser-failures/}.
 */
final class ScreenshotOnFailure implements AfterTestExecutionCallback {

	static final Path DIRECTORY = Path.of("target", "browser-failures");

	private final Supplier<@Nullable WebDriver> browser;

	ScreenshotOnFailure(Supplier<@Nullable WebDriver> browser) {
		this.browser = browser;
	}

	@Override
	public void afterTestExecution(ExtensionContext context) throws IOException {
		WebDriver driver = this.browser.get();
		if (context.getExecutionException().isEmpty() || driver == null) {
			return;
		}
		Files.createDirectories(DIRECTORY);
		String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
		Path screenshot = DIRECTORY.resolve(name + ".png");
		Files.write(screenshot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
		Files.writeString(DIRECTORY.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
		System.err.println("Browser test failed; screenshot: " + screenshot.toAbsolutePath());
	}

}
