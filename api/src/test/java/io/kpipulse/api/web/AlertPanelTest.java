package io.kpipulse.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.alerts.lifecycle.AlertTransitionJson;
import io.kpipulse.alerts.lifecycle.TransitionKind;
import io.kpipulse.alerts.rules.Severity;
import io.kpipulse.api.ApiServices;
import io.kpipulse.api.alerts.delivery.AlertDispatcher;
import io.kpipulse.api.alerts.delivery.ChannelStore;
import io.kpipulse.api.alerts.delivery.DeliveryLog;
import io.kpipulse.api.alerts.delivery.DeliveryMetrics;
import io.kpipulse.api.alerts.delivery.HttpDelivery;
import io.kpipulse.api.alerts.delivery.MailDelivery;
import io.kpipulse.api.alerts.delivery.NotificationRenderer;
import io.kpipulse.api.alerts.delivery.RetrySchedule;
import io.kpipulse.api.alerts.delivery.SilenceStore;
import io.kpipulse.api.alerts.delivery.SmtpSettings;
import io.kpipulse.api.auth.Role;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.storage.ClickHouseConnector;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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
 * The alert panel in Chromium over the real path of a transition: the head of d-sales (h-1) signs in and
 * opens "告警"; the engine's part is played by writing the transition where the job writes it — a row of
 * {@code alert_events} and a record of {@code kpi.alerts} on a real broker — and the API's dispatcher reads
 * it and hands it to the alert stream, so it appears on the open panel without a reload. The head
 * acknowledges it through {@code POST …/acknowledge}; the acknowledgement is stored under the head's user.
 * A FIRING of d-other (outside the head's subtree) published first never reaches the head's panel.
 */
@ExtendWith(ChromiumExtension.class)
class AlertPanelTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final String PASSWORD = "alerts-password-1";
    static final String START = "'2026-02-28 16:00:00.000'";
    static final long EVENT_TIME =
            java.time.Instant.parse("2026-03-20T01:59:00Z").toEpochMilli();

    static ClickHouseConnector connector;
    static DashboardSession session;
    static AlertDispatcher dispatcher;
    static KafkaProducer<byte[], byte[]> producer;
    static String alertsTopic;
    static WebDriver browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        connector = DashboardSeed.create(CLICKHOUSE);
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO org_department_lines VALUES"
                    + "('t-acme','d-hq'," + START + ",'CREATED','总部','','SUPPORT','EXECUTIVE','ev-d1',1),"
                    + "('t-acme','d-sales'," + START
                    + ",'CREATED','寿险销售部','d-hq','FRONT_LINE','LIFE_SALES','ev-d2',2),"
                    + "('t-acme','d-other'," + START + ",'CREATED','理赔部','d-hq','FRONT_LINE','CLAIMS','ev-d3',3)");
            s.execute("INSERT INTO org_employee_lines VALUES"
                    + "('t-acme','h-1'," + START + ",'HIRED','d-sales','Head of Sales','','2018-03-01','ev-h0',10),"
                    + "('t-acme','e-1'," + START + ",'HIRED','d-sales','Agent','h-1','2020-06-01','ev-h1',11)");
            s.execute("INSERT INTO org_employee_personal VALUES" + "('t-acme','e-1'," + START
                    + ",'王小明',8000.00,'2020-06-01','ev-h1',11)");
        }
        String prefix = KAFKA.uniqueTopic("panel") + ".";
        alertsTopic = prefix + "kpi.alerts";
        KAFKA.createTopic(alertsTopic, 1);

        ApiServices services = DashboardSession.services(
                        connector,
                        DashboardSession.ACME,
                        PASSWORD,
                        new DashboardSession.User("t-acme", "head", Role.DEPARTMENT_HEAD, "h-1"))
                .build();
        var catalog = CatalogYaml.templateLibrary();
        session = DashboardSession.start(services);
        dispatcher = session.alsoClose(AlertDispatcher.start(
                KAFKA.bootstrapServers(),
                Map.of(),
                prefix,
                prefix + "dispatcher",
                new ChannelStore(connector::open),
                new SilenceStore(connector::open),
                new DeliveryLog(connector::open),
                new NotificationRenderer(() -> catalog, "http://localhost:8080"),
                new HttpDelivery(new RetrySchedule(1, Duration.ZERO, Duration.ZERO), Duration.ofSeconds(5), d -> {}),
                new MailDelivery(SmtpSettings.off(), new RetrySchedule(1, Duration.ZERO, Duration.ZERO), d -> {}),
                services.alerts().stream()::publish,
                new DeliveryMetrics(),
                Clock.systemUTC()));
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", KAFKA.bootstrapServers());
        producer = session.alsoClose(new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer()));
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
    void aHeadSeesTheirSubtreesAlertArriveLiveAndAcknowledgesIt() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, DashboardSession.WAIT);
        signIn();
        browser.findElement(By.id("nav-alerts")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("alert-panel"), "data-stream-status", "open"));
        assertTrue(browser.findElements(By.cssSelector(".alert-row")).isEmpty(), "no alert before one is published");

        publish(transition("claims-slow", "d-other", "DEPARTMENT", "d-other", List.of("d-other", "d-hq"), "3.5"));
        publish(transition("premium-low", "e-1", "EMPLOYEE", "e-1", List.of("d-sales", "d-hq"), "12345.67"));

        By row = By.cssSelector("[data-alert='premium-low|e-1']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        WebElement alert = browser.findElement(row);
        assertEquals("firing", alert.getAttribute("data-status"));
        assertEquals("true", alert.getAttribute("data-live"), "arrived over the stream, not the first read");
        assertEquals("¥12,345.67", alert.findElement(By.cssSelector(".value")).getText());
        assertEquals(
                "¥20,000.00", alert.findElement(By.cssSelector(".threshold")).getText());
        assertEquals("¥30,000.00", alert.findElement(By.cssSelector(".target")).getText());
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-alert='premium-low|e-1'] .subject"), "王小明"));
        assertEquals("警告", alert.findElement(By.cssSelector(".severity")).getText());
        assertTrue(alert.findElement(By.cssSelector(".window")).getText().startsWith("本月累计"), alert.getText());
        assertTrue(
                browser.findElements(By.cssSelector("[data-alert='claims-slow|d-other']"))
                        .isEmpty(),
                "an alert of d-other on the panel of d-sales's head");
        screenshot("41-head-alert-panel-firing-zh");

        alert.findElement(By.cssSelector(".ack-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-alert='premium-low|e-1'] .ack"), "已确认"));
        assertEquals(List.of("t-acme/head"), acknowledgers("premium-low", "e-1", 1));
        browser.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Alerts"));
        screenshot("42-head-alert-panel-acknowledged-en");
        assertTrue(browser.findElements(By.cssSelector("[data-alert='claims-slow|d-other']"))
                .isEmpty());
        browser.findElement(By.id("lang-switch")).click();
    }

    private static AlertTransition transition(
            String rule, String group, String subjectType, String subject, List<String> path, String value) {
        return new AlertTransition(
                "t-acme",
                rule,
                1,
                group,
                1,
                TransitionKind.FIRING,
                Severity.WARNING,
                "new_policy_premium",
                "MONTH_TO_DATE",
                LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31),
                subjectType,
                subject,
                path,
                new BigDecimal(value),
                new BigDecimal(value),
                new BigDecimal("20000"),
                new BigDecimal("30000"),
                null,
                1,
                EVENT_TIME,
                EVENT_TIME + 500);
    }

    /** What the job does with a transition: a row of alert_events, then the record the dispatcher reads. */
    private static void publish(AlertTransition t) throws Exception {
        try (Connection c = connector.open();
                PreparedStatement ps = c.prepareStatement("INSERT INTO alert_events (tenant_id, rule_id,"
                        + " rule_version, group_id, sequence, idempotency_key, kind, severity, indicator_id,"
                        + " window_type, subject_type, subject_id, department_id, department_path, value, threshold,"
                        + " target, members_firing, event_time, emitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, fromUnixTimestamp64Milli(?), fromUnixTimestamp64Milli(?))")) {
            int i = 1;
            ps.setString(i++, t.tenantId());
            ps.setString(i++, t.ruleId());
            ps.setLong(i++, t.ruleVersion());
            ps.setString(i++, t.groupId());
            ps.setLong(i++, t.sequence());
            ps.setString(i++, t.idempotencyKey());
            ps.setString(i++, t.kind().name());
            ps.setString(i++, t.severity().name());
            ps.setString(i++, t.indicatorId());
            ps.setString(i++, t.windowType());
            ps.setString(i++, t.subjectType());
            ps.setString(i++, t.subjectId());
            ps.setString(i++, t.departmentId());
            ps.setString(i++, String.join(",", t.departmentPath()));
            ps.setBigDecimal(i++, t.value());
            ps.setBigDecimal(i++, t.threshold());
            ps.setBigDecimal(i++, t.target());
            ps.setInt(i++, t.membersFiring());
            ps.setLong(i++, t.eventTime());
            ps.setLong(i, t.emittedAt());
            ps.executeUpdate();
        }
        producer.send(new ProducerRecord<>(
                        alertsTopic,
                        t.idempotencyKey().getBytes(StandardCharsets.UTF_8),
                        AlertTransitionJson.write(t).getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    private static List<String> acknowledgers(String rule, String group, long sequence) throws Exception {
        try (Connection c = connector.open();
                PreparedStatement ps = c.prepareStatement("SELECT user_id FROM alert_acknowledgements FINAL"
                        + " WHERE tenant_id = 't-acme' AND rule_id = ? AND group_id = ? AND sequence = ?")) {
            ps.setString(1, rule);
            ps.setString(2, group);
            ps.setLong(3, sequence);
            List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private void signIn() {
        session.signIn("t-acme", "head", PASSWORD, "nav-alerts");
    }

    private static void screenshot(String name) throws Exception {
        session.screenshot(name);
    }
}
