package io.kpipulse.api.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes sure Debian's {@code chromium} and {@code chromium-driver} are installed before a UI test runs, with
 * a Chinese font ({@code fonts-wqy-zenhei}) so zh-CN screenshots show characters rather than boxes: a fresh
 * CI machine has none of them, and the test set-up installs them itself with apt (as root). The install
 * is bounded ({@code kpi.test.apt-timeout}, default 10 minutes); when apt is slower, unavailable, or the
 * user is not root, the UI tests are skipped with the reason instead of hanging the build. The apt output
 * goes to {@code target/chromium-install.log}.
 */
public final class ChromiumExtension implements BeforeAllCallback {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHINESE_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");
    private static final Duration APT_TIMEOUT = Duration.parse(System.getProperty("kpi.test.apt-timeout", "PT10M"));

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (installed()) {
            return;
        }
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "chromium is not installed and only root can apt-get install it");
        Path log = Path.of("target", "chromium-install.log");
        Files.createDirectories(log.getParent());
        long deadline = System.nanoTime() + APT_TIMEOUT.toNanos();
        // The package lists of a fresh machine may be empty or old: update once, then install.
        run(List.of("apt-get", "update"), log, deadline);
        List<String> install = List.of(
                "apt-get",
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
                "fonts-wqy-zenhei");
        run(install, log, deadline);
        Assumptions.assumeTrue(installed(), "apt-get did not install " + install.subList(4, 7) + ", see " + log);
    }

    private static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER) && Files.exists(CHINESE_FONT);
    }

    private static void run(List<String> command, Path log, long deadline) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        long left = deadline - System.nanoTime();
        if (!process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
            process.destroyForcibly();
            Assumptions.abort("apt-get took longer than " + APT_TIMEOUT + " (" + String.join(" ", command) + "), see "
                    + new File(log.toString()).getAbsolutePath());
        }
    }
}
