package io.kpipulse.api.web;

import io.javalin.Javalin;
import io.kpipulse.api.ApiApp;
import io.kpipulse.api.ApiConfig;
import io.kpipulse.api.ApiServices;
import io.kpipulse.api.auth.LocalIssuer;
import io.kpipulse.api.auth.LocalUser;
import io.kpipulse.api.auth.PasswordHash;
import io.kpipulse.api.auth.RateLimiter;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.SecurityServices;
import io.kpipulse.api.auth.TestTokens;
import io.kpipulse.api.auth.UserDirectory;
import io.kpipulse.api.http.ApiJson;
import io.kpipulse.api.org.ReadModelOrgScope;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.TenantRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every dashboard UI test starts and stops: the real API over the test's ClickHouse on a free port, headless
 * Chromium ({@link HeadlessChromium}), the screenshots folder, sign-in through the form ({@link SignInForm}) and a
 * teardown in the right order (browser, HTTP server, whatever the test added, services). The screenshots of a run
 * are emptied once per test JVM, not per test class, so one class never deletes another's screenshots.
 */
public final class DashboardSession implements AutoCloseable {

    /** 2026-03-20 10:00 in Shanghai: the month {@link DashboardSeed} seeds is the current one. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T02:00:00Z"), ZoneOffset.UTC);

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    public static final Duration WAIT = Duration.ofSeconds(20);
    public static final TenantRegistry ACME =
            TenantRegistry.parse("tenants: [{id: t-acme, name: Acme Life, zone: Asia/Shanghai}]");

    private static boolean screenshotsEmptied;

    private final ApiServices services;
    private final Javalin app;
    private final WebDriver browser;
    private final Deque<AutoCloseable> alsoClosed = new ArrayDeque<>();

    private DashboardSession(ApiServices services, Javalin app, WebDriver browser) {
        this.services = services;
        this.app = app;
        this.browser = browser;
    }

    /** Serves {@code services} and opens a browser; closing the session closes the services too. */
    public static DashboardSession start(ApiServices services) throws Exception {
        Javalin app = null;
        try {
            app = ApiApp.create(services, ApiConfig.forTests()).start();
            emptyScreenshotsOnce();
            return new DashboardSession(services, app, HeadlessChromium.start());
        } catch (Exception | Error e) {
            if (app != null) {
                app.stop();
            }
            services.close();
            throw e;
        }
    }

    /**
     * Security with the local sign-in of {@code users} (all with {@code password}, one role and employee each),
     * scopes from the org directory of the test's ClickHouse, and no rate limit.
     */
    public static SecurityServices localSignIn(
            ClickHouseConnector connector, TenantRegistry tenants, String password, List<User> users) {
        SecureRandom random = new SecureRandom();
        UserDirectory directory = new UserDirectory(users.stream()
                .map(u -> new LocalUser(
                        u.tenant(),
                        u.username(),
                        PasswordHash.hash(password.toCharArray(), random, 1_000),
                        Set.of(u.role()),
                        u.employeeId()))
                .toList());
        LocalIssuer issuer = new LocalIssuer(
                LocalIssuer.generateKey(), "urn:kpi-pulse:local", TestTokens.AUDIENCE, Duration.ofMinutes(15), CLOCK);
        return SecurityServices.builder(connector::open, ApiJson.mapper(), CLOCK)
                .localLogin(new SecurityServices.LocalLogin(directory, issuer))
                .org(new ReadModelOrgScope(
                        new OrgReader(connector::open), new TenantDirectory(tenants, CLOCK), System::nanoTime))
                .rateLimiter(new RateLimiter(1, 0, System::nanoTime))
                .build();
    }

    /**
     * The API's services over the test's ClickHouse with the template library, the fixed {@link #CLOCK} and the
     * local sign-in of {@code users}; the rest at the builder's defaults, for a test to add to.
     */
    public static ApiServices.Builder services(
            ClickHouseConnector connector, TenantRegistry tenants, String password, User... users) {
        return ApiServices.builder(
                connector::open,
                tenants,
                CatalogYaml::templateLibrary,
                CLOCK,
                localSignIn(connector, tenants, password, List.of(users)));
    }

    /** A user of {@link #localSignIn}. */
    public record User(String tenant, String username, Role role, String employeeId) {}

    /** Closed with the session, before the services (last added, first closed): a dispatcher, a producer. */
    public <T extends AutoCloseable> T alsoClose(T resource) {
        alsoClosed.push(resource);
        return resource;
    }

    public WebDriver browser() {
        return browser;
    }

    public ApiServices services() {
        return services;
    }

    /** The dashboard's root URL without the trailing slash. */
    public String base() {
        return "http://127.0.0.1:" + app.port();
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(browser, WAIT);
    }

    /**
     * Signs in through the form and waits until the tenant's page shows the element {@code shownId} (the page
     * reloads into the tenant: a poll that meets that navigation is retried).
     */
    public void signIn(String tenant, String username, String password, String shownId) {
        SignInForm.submit(browser, base() + "/", tenant, username, password);
        waiting()
                .ignoring(WebDriverException.class)
                .until(d -> d.getCurrentUrl().contains("/tenants/" + tenant)
                        && d.findElements(By.id(shownId)).stream().anyMatch(WebElement::isDisplayed));
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    public void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws Exception {
        Exception failed = null;
        List<AutoCloseable> order = new java.util.ArrayList<>();
        order.add(browser::quit);
        order.add(app::stop);
        order.addAll(alsoClosed);
        order.add(services);
        for (AutoCloseable c : order) {
            try {
                c.close();
            } catch (Exception e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** A fresh set each run: no screenshot of an earlier run (or its failure) is left to mislead. */
    private static synchronized void emptyScreenshotsOnce() throws Exception {
        if (!screenshotsEmptied && Files.isDirectory(SCREENSHOTS)) {
            try (var old = Files.list(SCREENSHOTS)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        screenshotsEmptied = true;
        Files.createDirectories(SCREENSHOTS);
    }
}
