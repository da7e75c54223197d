package io.kpipulse.api.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.api.auth.Role;
import io.kpipulse.api.docs.ApiDocs;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.storage.ClickHouseConnector;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A department head signs in through the dashboard's form (the built-in issuer, as in the local stack) and
 * sees only the subtree they head: the seeded values of {@link DashboardSeed} under a small org in ClickHouse
 * where h-1 heads d-sales (e-1, e-2) and e-3 heads d-claims (e-4). Screenshots land in target/screenshots.
 */
@ExtendWith(ChromiumExtension.class)
class DashboardSignInTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final String PASSWORD = "head-password-1";
    static final String START = "'2026-02-28 16:00:00.000'";

    static DashboardSession session;
    static WebDriver browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        ClickHouseConnector connector = DashboardSeed.create(CLICKHOUSE);
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO org_department_lines VALUES"
                    + "('t-acme','d-hq'," + START + ",'CREATED','总部','','SUPPORT','EXECUTIVE','ev-d1',1),"
                    + "('t-acme','d-sales'," + START + ",'CREATED','寿险销售部','d-hq','FRONT_LINE','LIFE_SALES','ev-d2',2),"
                    + "('t-acme','d-claims'," + START + ",'CREATED','理赔部','d-hq','FRONT_LINE','PC_CLAIMS','ev-d3',3)");
            s.execute("INSERT INTO org_employee_lines VALUES"
                    + "('t-acme','e-9'," + START + ",'HIRED','d-hq','CEO','','2015-01-05','ev-h9',9),"
                    + "('t-acme','h-1'," + START + ",'HIRED','d-sales','Head of Sales','e-9','2018-03-01','ev-h0',10),"
                    + "('t-acme','e-1'," + START + ",'HIRED','d-sales','Agent','h-1','2020-06-01','ev-h1',11),"
                    + "('t-acme','e-2'," + START + ",'HIRED','d-sales','Agent','h-1','2021-06-01','ev-h2',12),"
                    + "('t-acme','e-3'," + START
                    + ",'HIRED','d-claims','Head of Claims','e-9','2019-02-01','ev-h3',13),"
                    + "('t-acme','e-4'," + START + ",'HIRED','d-claims','Adjuster','e-3','2022-02-01','ev-h4',14)");
            s.execute("INSERT INTO org_employee_personal VALUES"
                    + "('t-acme','h-1'," + START + ",'周强',30000.00,'2018-03-01','ev-h0',10),"
                    + "('t-acme','e-1'," + START + ",'张伟',8000.00,'2020-06-01','ev-h1',11),"
                    + "('t-acme','e-2'," + START + ",'李娜',8000.00,'2021-06-01','ev-h2',12),"
                    + "('t-acme','e-3'," + START + ",'王芳',20000.00,'2019-02-01','ev-h3',13),"
                    + "('t-acme','e-4'," + START + ",'刘洋',9000.00,'2022-02-01','ev-h4',14)");
        }
        session = DashboardSession.start(DashboardSession.services(
                        connector,
                        DashboardSession.ACME,
                        PASSWORD,
                        new DashboardSession.User("t-acme", "head", Role.DEPARTMENT_HEAD, "h-1"))
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

    @Test
    void aDepartmentHeadSignsInAndSeesOnlyTheSubtreeTheyHead() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, DashboardSession.WAIT);
        browser.get(base + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
        browser.findElement(By.id("signin-tenant")).clear();
        browser.findElement(By.id("signin-tenant")).sendKeys("t-acme");
        browser.findElement(By.id("signin-username")).sendKeys("head");
        browser.findElement(By.id("signin-password")).sendKeys(PASSWORD);
        screenshot("11-signin-zh");
        browser.findElement(By.id("signin-submit")).click();
        // Signing in reloads the page into the tenant: a poll that meets that navigation is simply retried.
        new WebDriverWait(browser, DashboardSession.WAIT)
                .ignoring(WebDriverException.class)
                .until(d -> d.getCurrentUrl().contains("/tenants/t-acme")
                        && d.findElements(By.id("sign-out")).stream().anyMatch(e -> e.isDisplayed()));

        browser.get(base + "/tenants/t-acme/departments/d-sales");
        // The subtree's employees, by the names the API gives them as of the day.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "张伟"));
        String sales = browser.findElement(By.tagName("main")).getText();
        screenshot("12-head-own-department-zh");
        assertTrue(sales.contains("寿险销售部"), sales);
        assertFalse(sales.contains("刘洋"), "an employee of another department is listed: " + sales);

        browser.get(base + "/tenants/t-acme/departments/d-claims");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "outside your scope"));
        String claims = browser.findElement(By.tagName("main")).getText();
        screenshot("13-head-other-department-zh");
        assertFalse(claims.contains("刘洋"), "another department's people are shown: " + claims);
        assertFalse(claims.contains("王芳"), "another department's head is shown: " + claims);
    }

    /** The API reference renders in the browser under the same Content-Security-Policy, with every operation. */
    @Test
    void theApiReferenceShowsEveryOperationOfTheDocument() throws Exception {
        browser.get(base + "/api-docs");
        WebDriverWait wait = new WebDriverWait(browser, DashboardSession.WAIT);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("docs"), "KPI Pulse API"));
        int operations = 0;
        for (Object item : ((Map<?, ?>) ApiDocs.document().get("paths")).values()) {
            operations += ((Map<?, ?>) item).size();
        }
        int expected = operations;
        wait.until(d -> d.findElements(By.cssSelector(".opblock")).size() == expected);
        screenshot("14-api-reference");
        assertTrue(browser.findElement(By.id("docs")).getText().contains("/api/v1/tenants/{tenant}/values"));
    }

    private static void screenshot(String name) throws Exception {
        session.screenshot(name);
    }
}
