package io.kpipulse.api.web;

import java.nio.file.Files;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's chromium driven by its chromedriver, as every UI test and the tile bench use it: headless, a fresh
 * profile, no network beyond what the page asks for, the browser console kept for failure reports, zh-CN as
 * the browser's language (the dashboard's default locale comes from the page, not from this).
 */
public final class HeadlessChromium {

    private HeadlessChromium() {}

    public static WebDriver start() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ChromiumExtension.CHROMIUM.toString());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1440,1000",
                "--lang=zh-CN",
                "--user-data-dir=" + Files.createTempDirectory("kpi-chromium-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(ChromiumExtension.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
