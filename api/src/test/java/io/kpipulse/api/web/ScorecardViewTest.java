package io.kpipulse.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.api.auth.Role;
import io.kpipulse.catalog.Perspective;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.scoring.card.ManagerRating;
import io.kpipulse.scoring.card.Scorecard;
import io.kpipulse.scoring.card.ScorecardItem;
import io.kpipulse.scoring.rules.LinearRule;
import io.kpipulse.scoring.store.AssignmentTarget;
import io.kpipulse.scoring.store.ScoringStore;
import io.kpipulse.storage.ClickHouseConnector;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The scorecard view in Chromium: an agent signs in and opens "绩效评分" to see their own scorecard (each
 * item's value, target, points, the total and their performance pay); their head signs in and sees the
 * subtree's score table. Seed: {@link DashboardSeed}'s values (e-1's March premium 12,345.67), h-1 heading
 * d-sales (e-1, e-2), one card "premium linear to 90,000 for 70 points" for d-sales, e-1 rated 25 of 30,
 * e-1's base pay 8,000.00. By hand: 70 × 12,345.67 / 90,000 = 9.602… → 9.60; 25 / 30 × 30 = 25.00; total
 * 34.60; pay 8,000.00 × 34.60% = 2,768.00. Screenshots land in target/screenshots.
 */
@ExtendWith(ChromiumExtension.class)
class ScorecardViewTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final String PASSWORD = "scores-password-1";
    static final String START = "'2026-02-28 16:00:00.000'";

    static DashboardSession session;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        ClickHouseConnector connector = DashboardSeed.create(CLICKHOUSE);
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO org_department_lines VALUES"
                    + "('t-acme','d-hq'," + START + ",'CREATED','总部','','SUPPORT','EXECUTIVE','ev-d1',1),"
                    + "('t-acme','d-sales'," + START
                    + ",'CREATED','寿险销售部','d-hq','FRONT_LINE','LIFE_SALES','ev-d2',2)");
            s.execute("INSERT INTO org_employee_lines VALUES"
                    + "('t-acme','h-1'," + START + ",'HIRED','d-sales','Head of Sales','','2018-03-01','ev-h0',10),"
                    + "('t-acme','e-1'," + START + ",'HIRED','d-sales','Agent','h-1','2020-06-01','ev-h1',11),"
                    + "('t-acme','e-2'," + START + ",'HIRED','d-sales','Agent','h-1','2021-06-01','ev-h2',12)");
            s.execute("INSERT INTO org_employee_personal VALUES"
                    + "('t-acme','h-1'," + START + ",'周强',30000.00,'2018-03-01','ev-h0',10),"
                    + "('t-acme','e-1'," + START + ",'张伟',8000.00,'2020-06-01','ev-h1',11),"
                    + "('t-acme','e-2'," + START + ",'李娜',8000.00,'2021-06-01','ev-h2',12)");
        }
        ScoringStore store = new ScoringStore(connector::open, DashboardSession.CLOCK);
        Scorecard card = new Scorecard(
                "agent",
                "Agent",
                null,
                List.of(new ScorecardItem(
                        "new_policy_premium",
                        Perspective.FINANCIAL,
                        new BigDecimal("70"),
                        new LinearRule(new BigDecimal("90000"), null, null, null))),
                null);
        card.validate();
        store.saveTemplate("t-acme", card, LocalDate.of(2026, 1, 1), "hr");
        store.assign(
                "t-acme", AssignmentTarget.DEPARTMENT, List.of("d-sales"), "agent", LocalDate.of(2026, 1, 1), "hr");
        store.rate(
                "t-acme", new ManagerRating("e-1", "2026-03", new BigDecimal("25"), new BigDecimal("30"), "h-1", null));

        session = DashboardSession.start(DashboardSession.services(
                        connector,
                        DashboardSession.ACME,
                        PASSWORD,
                        new DashboardSession.User("t-acme", "agent", Role.EMPLOYEE, "e-1"),
                        new DashboardSession.User("t-acme", "head", Role.DEPARTMENT_HEAD, "h-1"))
                .build());
        browser = session.browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void anAgentSeesTheirScorecardWithPayAndTheirHeadSeesTheSubtreesTable() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, DashboardSession.WAIT);
        signIn("agent");
        browser.findElement(By.id("nav-scores")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("score-total"), "34.6"));
        screenshot("31-agent-scorecard-zh");
        String card = browser.findElement(By.tagName("main")).getText();
        assertTrue(card.contains("张伟"), card);
        assertEquals(
                "9.6",
                browser.findElement(By.cssSelector("[data-item=new_policy_premium] .points"))
                        .getText());
        assertEquals("25", browser.findElement(By.id("score-manager")).getText());
        assertTrue(browser.findElement(By.id("score-pay")).getText().contains("2,768.00"), card);
        assertFalse(card.contains("李娜"), "a colleague's name on an agent's own scorecard: " + card);
        browser.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Scorecard of"));
        screenshot("32-agent-scorecard-en");
        browser.findElement(By.id("sign-out")).click();

        signIn("head");
        browser.findElement(By.id("nav-scores")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-employee=e-2]")));
        screenshot("33-head-score-table-en");
        String table = browser.findElement(By.id("score-table")).getText();
        assertTrue(table.contains("张伟") && table.contains("李娜") && table.contains("周强"), table);
        assertTrue(
                browser.findElement(By.cssSelector("[data-employee=e-1]"))
                        .getText()
                        .contains("34.6"),
                table);
        browser.findElement(By.id("lang-switch")).click();
        browser.findElement(By.id("sign-out")).click();
    }

    private void signIn(String username) {
        session.signIn("t-acme", username, PASSWORD, "nav-scores");
    }

    private static void screenshot(String name) throws Exception {
        session.screenshot(name);
    }
}
