package io.kpipulse.api.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.alerts.lifecycle.TransitionKind;
import io.kpipulse.alerts.rules.Severity;
import io.kpipulse.api.alerts.delivery.AlertChannel;
import io.kpipulse.api.alerts.delivery.ChannelKind;
import io.kpipulse.api.alerts.delivery.DeliveryAttempt;
import io.kpipulse.api.alerts.delivery.DeliveryStatus;
import io.kpipulse.api.alerts.delivery.MailDelivery;
import io.kpipulse.api.alerts.delivery.NotificationRenderer;
import io.kpipulse.api.alerts.delivery.RetrySchedule;
import io.kpipulse.api.alerts.delivery.SmtpSettings;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alert e-mails sent to a real SMTP server (GreenMail on an ephemeral port) and read back as received. */
class MailDeliveryTest {

    private static final IndicatorCatalog CATALOG = CatalogYaml.templateLibrary();
    private static final String KEY = "t-acme-life|rating-low|e1|1";

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.setUser("alerts@kpipulse.test", "alerts", "s3cret");
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private MailDelivery mail(SmtpSettings.Security security, int attempts) {
        return new MailDelivery(
                new SmtpSettings(
                        "127.0.0.1",
                        smtp.getSmtp().getPort(),
                        "alerts",
                        "s3cret",
                        security,
                        "KPI Pulse <alerts@kpipulse.test>",
                        Duration.ofSeconds(5)),
                new RetrySchedule(attempts, Duration.ofMillis(10), Duration.ofMillis(10)),
                d -> {});
    }

    private static AlertChannel channel(String language) {
        return new AlertChannel(
                "t-acme-life",
                "mail-" + language,
                ChannelKind.EMAIL,
                "d-root",
                "head.sales@acme.test, deputy@acme.test",
                "",
                language,
                Severity.INFO);
    }

    @Test
    void aFiringArrivesWithItsHeadersValuesAndDrillDownLinkInTheRecipientsLanguage() throws Exception {
        NotificationRenderer renderer = new NotificationRenderer(() -> CATALOG, "https://kpi.acme.test");
        List<DeliveryAttempt> log = new ArrayList<>();
        MailDelivery mail = mail(SmtpSettings.Security.NONE, 3);
        assertTrue(mail.deliver(channel("en"), KEY, renderer.render(firing(), "en"), log::add));
        assertTrue(mail.deliver(channel("zh-CN"), KEY, renderer.render(firing(), "zh-CN"), log::add));
        assertTrue(smtp.waitForIncomingEmail(5_000, 4)); // two messages, two recipients each

        MimeMessage en = inLanguage("en");
        assertEquals("KPI Pulse <alerts@kpipulse.test>", en.getHeader("From", null));
        assertEquals("head.sales@acme.test, deputy@acme.test", en.getHeader("To", null));
        assertEquals("[WARNING] FIRING: Manager rating · e1", en.getSubject());
        assertEquals("en", en.getHeader("Content-Language", null));
        assertEquals(KEY, en.getHeader("X-KpiPulse-Idempotency-Key", null));
        assertTrue(en.getMessageID().matches("<[0-9a-f]{32}@kpipulse\\.alerts>"), en.getMessageID());
        String body = ((String) en.getContent()).replace("\r\n", "\n");
        assertTrue(body.contains("- Value: 55\n"), body);
        assertTrue(body.contains("- Threshold: 60\n"), body);
        assertTrue(body.contains("Open in KPI Pulse: https://kpi.acme.test/tenants/t-acme-life/employees/e1"), body);

        MimeMessage zh = inLanguage("zh-CN");
        assertTrue(zh.getSubject().startsWith("[WARNING] 告警: "), zh.getSubject());
        assertTrue(((String) zh.getContent()).contains("当前值: 55"));
        // Same transition, other channel: another Message-ID; same channel again would be the same one.
        assertFalse(zh.getMessageID().equals(en.getMessageID()));
        assertEquals(
                List.of(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED),
                log.stream().map(DeliveryAttempt::status).toList());
    }

    @Test
    void aServerWithoutStartTlsIsRefusedRatherThanSentToInClear() throws Exception {
        NotificationRenderer renderer = new NotificationRenderer(() -> CATALOG, "https://kpi.acme.test");
        List<DeliveryAttempt> log = new ArrayList<>();
        assertFalse(mail(SmtpSettings.Security.STARTTLS, 2)
                .deliver(channel("en"), KEY, renderer.render(firing(), "en"), log::add));
        assertEquals(
                List.of(DeliveryStatus.RETRYING, DeliveryStatus.FAILED),
                log.stream().map(DeliveryAttempt::status).toList());
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    private MimeMessage inLanguage(String language) {
        return List.of(smtp.getReceivedMessages()).stream()
                .filter(m -> header(m, "Content-Language").equals(language))
                .findFirst()
                .orElseThrow();
    }

    private static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, "");
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AlertTransition firing() {
        return new AlertTransition(
                "t-acme-life",
                "rating-low",
                1,
                "e1",
                1,
                TransitionKind.FIRING,
                Severity.WARNING,
                "manager_rating",
                "MONTH_TO_DATE",
                LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 31),
                "EMPLOYEE",
                "e1",
                List.of("d-sales", "d-root"),
                new BigDecimal("55"),
                new BigDecimal("55"),
                new BigDecimal("60"),
                null,
                null,
                1,
                1_764_576_000_000L,
                1_764_576_000_000L);
    }
}
