package io.kpipulse.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.api.ApiServices;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.TestSecurity;
import io.kpipulse.api.auth.TestTokens;
import io.kpipulse.api.indicators.CurrentValuesConfig;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.storage.ClickHouseConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against the real API over a real ClickHouse: the overview tile shows
 * the seeded premium formatted for zh-CN, the page drills into a department and an employee, a new row
 * version written to ClickHouse appears on screen without a reload, and the English switch re-renders
 * names, labels and numbers. Screenshots land in {@code target/screenshots}.
 */
@ExtendWith(ChromiumExtension.class)
class DashboardBrowserTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final Clock CLOCK = DashboardSession.CLOCK;
    static final Path SCREENSHOTS = DashboardSession.SCREENSHOTS;

    static final TestTokens TOKENS = new TestTokens(CLOCK);
    static ClickHouseConnector connector;
    static DashboardSession session;
    static WebDriver browser;
    static String base;

    /**
     * Values in memory as {@link io.kpipulse.api.ApiMain} runs them: the live row below reaches the page through
     * the change feed, which also keeps the in-memory values current.
     */
    @BeforeAll
    static void start() throws Exception {
        connector = DashboardSeed.create(CLICKHOUSE);
        session = DashboardSession.start(ApiServices.builder(
                        connector::open,
                        DashboardSession.ACME,
                        CatalogYaml::templateLibrary,
                        CLOCK,
                        TestSecurity.services(connector::open, CLOCK, TOKENS))
                .valueRead(ValueReadStrategy.FINAL)
                .healthTimeout(Duration.ofSeconds(5))
                .memory(CurrentValuesConfig.defaults())
                .build());
        browser = session.browser();
        base = session.base();
    }

    @AfterAll
    static void stop() throws Exception {
        if (session != null) {
            session.close();
        }
    }

    static WebDriverWait waiting() {
        return session.waiting();
    }

    static WebElement visible(String css) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    static void awaitText(String css, String text) {
        waiting()
                .until(ExpectedConditions.textMatches(
                        By.cssSelector(css),
                        java.util.regex.Pattern.compile(
                                ".*" + java.util.regex.Pattern.quote(text) + ".*", java.util.regex.Pattern.DOTALL)));
    }

    static void screenshot(String name) throws Exception {
        session.screenshot(name);
    }

    static void write(String sql) throws Exception {
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void anExecutiveDrillsDownSeesALiveChangeAndSwitchesToEnglish() throws Exception {
        try {
            drillDownLiveAndEnglish();
        } catch (Exception | AssertionError e) {
            // What the browser showed when it failed, beside the screenshots taken so far.
            screenshot("failure");
            Files.writeString(SCREENSHOTS.resolve("failure.html"), browser.getPageSource());
            Files.write(
                    SCREENSHOTS.resolve("failure-console.txt"),
                    browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                            .map(Object::toString)
                            .toList());
            throw e;
        }
    }

    private void drillDownLiveAndEnglish() throws Exception {
        // Signed in as an executive: the token where the dashboard's api client keeps it (no sign-in page yet).
        browser.get(base + "/");
        ((JavascriptExecutor) browser)
                .executeScript(
                        "window.localStorage.setItem('kpi-pulse.token', arguments[0])",
                        TOKENS.token("t-acme", null, Role.EXECUTIVE));
        browser.get(base + "/tenants/t-acme");
        // zh-CN by default: the company's premium as yuan with grouping, exactly as seeded.
        String tile = "[data-indicator=new_policy_premium] .tile-value";
        awaitText(tile, "¥112,345.87");
        assertEquals("zh-CN", browser.findElement(By.tagName("html")).getAttribute("lang"));
        awaitText("h1", "公司总览");
        // Warn and critical levels from the catalog colour the tiles.
        visible("[data-indicator=reimbursement_within_1wd].status-warn");
        visible("[data-indicator=claim_payment_time_within_1d].status-critical");
        waiting()
                .until(d -> "open"
                        .equals(d.findElement(By.cssSelector("[data-live-status]"))
                                .getAttribute("data-live-status")));
        visible(".chart canvas");
        screenshot("01-overview-zh");

        // Company → department: the ranking row of sales.
        visible("table.ranking tr[data-subject=d-sales] a.subject-link").click();
        awaitText("h1", "部门：");
        awaitText("h1", "d-sales");
        awaitText("table.ranking tr[data-subject=e-2] .value", "¥50,000.10");
        screenshot("02-department-zh");

        // Department → employee.
        visible("table.ranking tr[data-subject=e-1] a.subject-link").click();
        awaitText("h1", "员工：");
        String premium = "tr[data-indicator=new_policy_premium] .value";
        awaitText(premium, "¥12,345.67");
        awaitText("tr[data-indicator=new_policy_premium]", "13.7%");
        awaitText("tr[data-indicator=new_policy_premium] .rule", "已出单保单的首年保费");
        // "Why is my number X": the source events of the value.
        visible("tr[data-indicator=new_policy_premium] button.why").click();
        awaitText(".lineage", "ev-102");
        screenshot("03-employee-zh");

        // Live: a new version of e-1's premium, written to ClickHouse, appears without a reload.
        long written = System.nanoTime();
        write(DashboardSeed.premiumOfE1("22345.67", "0.248285", 1_000_000));
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textMatches(
                        By.cssSelector(premium),
                        java.util.regex.Pattern.compile(".*¥22,345\\.67.*", java.util.regex.Pattern.DOTALL)));
        Duration seen = Duration.ofNanos(System.nanoTime() - written);
        awaitText("tr[data-indicator=new_policy_premium]", "24.8%");
        System.out.println("UI test: a written row version was on screen after " + seen.toMillis() + " ms");
        screenshot("04-employee-live-zh");

        // English: labels, the indicator's English name, and CNY as an English locale writes it.
        visible("#lang-switch").click();
        awaitText("h1", "Employee: e-1");
        awaitText(premium, "CN¥22,345.67");
        awaitText("tr[data-indicator=new_policy_premium]", "New-policy premium");
        awaitText("tr[data-indicator=new_policy_premium] .rule", "First-year premium of policies issued");
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
        screenshot("05-employee-en");

        browser.get(base + "/tenants/t-acme");
        awaitText(tile, "CN¥112,345.87");
        awaitText("h1", "Company overview");
        visible(".chart canvas");
        visible("[data-indicator=new_policy_premium] .sparkline path");
        screenshot("06-overview-en");

        browser.get(base + "/tenants/t-acme/linkage");
        awaitText("[data-link=claims]", "Median claim payment time");
        visible("[data-link=claims] .chart canvas");
        screenshot("07-linkage-en");

        browser.get(base + "/tenants/t-acme/discrepancy");
        awaitText("table.discrepancy tr[data-subject=e-1]", "+20");
        awaitText("table.discrepancy tr[data-subject=e-1]", "Over-reported");
        screenshot("08-discrepancy-en");

        visible("#lang-switch").click();
        awaitText("table.discrepancy tr[data-subject=e-1]", "自报偏高");
        screenshot("09-discrepancy-zh");
        browser.get(base + "/tenants/t-acme/linkage");
        awaitText("[data-link=hiring]", "岗位填补周期");
        screenshot("10-linkage-zh");
        assertTrue(seen.compareTo(Duration.ofSeconds(10)) < 0);
    }
}
