package io.kpipulse.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.api.ApiServices;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.calendars.CalendarPublisher;
import io.kpipulse.api.calendars.CalendarServices;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.read.calendars.CalendarVersionStore;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.TenantRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The working-day calendar page in Chromium, against a real broker and ClickHouse. The tenants file gives
 * t-acme Labour Day 2026-05-01 and a make-up Saturday 2026-05-09. HR opens "工作日历", sees the file's days in
 * force, is refused a make-up working day on a Monday with the field named (nothing published), then publishes
 * the year with Dragon Boat Festival 2026-06-19 added: version 1 is listed as published, in force, and stored.
 * An employee sees the calendar and its versions but no form. Screenshots land in target/screenshots.
 */
@ExtendWith(ChromiumExtension.class)
class CalendarPageTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    static final String PASSWORD = "calendar-password-1";
    static final String START = "'2026-02-28 16:00:00.000'";
    static final TenantRegistry TENANTS = TenantRegistry.parse("tenants: [{id: t-acme, name: Acme Life,"
            + " zone: Asia/Shanghai, holidays: [2026-05-01], workdays: [2026-05-09]}]");

    static DashboardSession session;
    static ClickHouseConnector connector;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        connector = DashboardSeed.create(CLICKHOUSE);
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO org_department_lines VALUES" + "('t-acme','d-hq'," + START
                    + ",'CREATED','总部','','SUPPORT','EXECUTIVE','ev-d1',1)");
            s.execute("INSERT INTO org_employee_lines VALUES"
                    + "('t-acme','e-hr'," + START + ",'HIRED','d-hq','HR','','2018-03-01','ev-h0',10),"
                    + "('t-acme','e-1'," + START + ",'HIRED','d-hq','Agent','e-hr','2020-06-01','ev-h1',11)");
        }
        String prefix = KAFKA.uniqueTopic("calendar-page") + ".";
        KAFKA.createTopic(prefix + "kpi.control", 1);
        CalendarPublisher publisher = new CalendarPublisher(KAFKA.bootstrapServers(), Map.of(), prefix);
        ApiServices services = DashboardSession.services(
                        connector,
                        TENANTS,
                        PASSWORD,
                        new DashboardSession.User("t-acme", "hr", Role.HR, "e-hr"),
                        new DashboardSession.User("t-acme", "agent", Role.EMPLOYEE, "e-1"))
                .build()
                .withCalendars(CalendarServices.over(connector::open, publisher));
        session = DashboardSession.start(services);
        session.alsoClose(publisher);
        browser = session.browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void hrSeesTheCalendarInForcePublishesTheYearAndAnEmployeeOnlyReadsIt() throws Exception {
        WebDriverWait wait = session.waiting();
        session.signIn("t-acme", "hr", PASSWORD, "nav-calendars");
        browser.findElement(By.id("nav-calendars")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("calendar-no-versions")));
        assertEquals(List.of("2026-05-01"), days("holidays"));
        assertEquals(List.of("2026-05-09"), days("makeUpWorkdays"));
        assertTrue(text("calendar-in-force").contains("租户配置文件"), text("calendar-in-force"));
        session.screenshot("51-hr-calendar-file-zh");

        type("calendar-workdays", "2026-05-09\n2026-06-22");
        browser.findElement(By.id("calendar-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("calendar-error")));
        assertTrue(text("calendar-error").contains("makeUpWorkdays"), text("calendar-error"));
        assertTrue(text("calendar-error").contains("2026-06-22 is a MONDAY"), text("calendar-error"));
        assertEquals(List.of(), new CalendarVersionStore(connector::open).versions("t-acme", 2026));

        type("calendar-holidays", "2026-05-01, 2026-06-19");
        type("calendar-workdays", "2026-05-09");
        browser.findElement(By.id("calendar-submit")).click();
        wait.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#calendar-versions [data-version='1']")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("calendar-in-force"), "第 1 版"));
        assertEquals(List.of("2026-05-01", "2026-06-19"), days("holidays"));
        String row = text("calendar-versions");
        assertTrue(row.contains("已发布") && row.contains("t-acme/hr"), row);
        assertTrue(text("calendar-published").contains("第 1 版"), text("calendar-published"));
        CalendarVersionStore.Stored stored = new CalendarVersionStore(connector::open)
                .versions("t-acme", 2026)
                .get(0);
        assertTrue(stored.published());
        assertEquals(2, stored.version().holidays().size());
        session.screenshot("52-hr-calendar-published-zh");
        browser.findElement(By.id("lang-switch")).click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("calendar-in-force"), "In force: version 1"));
        session.screenshot("53-hr-calendar-published-en");
        browser.findElement(By.id("lang-switch")).click();
        browser.findElement(By.id("sign-out")).click();

        session.signIn("t-acme", "agent", PASSWORD, "nav-calendars");
        browser.findElement(By.id("nav-calendars")).click();
        wait.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#calendar-versions [data-version='1']")));
        assertEquals(List.of("2026-05-01", "2026-06-19"), days("holidays"));
        assertEquals(0, browser.findElements(By.id("calendar-publish")).size(), "an employee is offered the form");
        session.screenshot("54-employee-calendar-zh");
        browser.findElement(By.id("sign-out")).click();
    }

    private static List<String> days(String list) {
        return browser.findElements(By.cssSelector("[data-list=" + list + "] li[data-day]")).stream()
                .map(e -> e.getAttribute("data-day"))
                .toList();
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void type(String id, String value) {
        WebElement area = browser.findElement(By.id(id));
        area.clear();
        area.sendKeys(value);
    }
}
