package io.kpipulse.api.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.alerts.lifecycle.TransitionKind;
import io.kpipulse.alerts.rules.Severity;
import io.kpipulse.api.alerts.delivery.AlertChannel;
import io.kpipulse.api.alerts.delivery.ChannelFormats;
import io.kpipulse.api.alerts.delivery.ChannelKind;
import io.kpipulse.api.alerts.delivery.DeliveryAttempt;
import io.kpipulse.api.alerts.delivery.DeliveryStatus;
import io.kpipulse.api.alerts.delivery.HttpDelivery;
import io.kpipulse.api.alerts.delivery.Notification;
import io.kpipulse.api.alerts.delivery.NotificationRenderer;
import io.kpipulse.api.alerts.delivery.OutboundRequest;
import io.kpipulse.api.alerts.delivery.RetrySchedule;
import io.kpipulse.api.alerts.delivery.Signatures;
import io.kpipulse.api.alerts.delivery.Silence;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each channel's request against its documented payload and signing rule, sent to a real HTTP server
 * standing in for the bot; expected signatures were computed independently with the vendors' published
 * Python samples (hmac / hashlib / base64 / urllib.parse.quote_plus).
 */
class ChannelFormatsTest {

    private static final IndicatorCatalog CATALOG = CatalogYaml.parse(CatalogYaml.templateLibraryText());
    private static final long NOW = 1_700_000_000_000L;

    private final ObjectMapper json = new ObjectMapper();
    private final List<String[]> received = new CopyOnWriteArrayList<>(); // uri, body
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private String answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
    private HttpServer server;

    @BeforeEach
    void startBot() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            received.add(new String[] {
                ex.getRequestURI().toString(), new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
            });
            boolean fail = failuresLeft.getAndDecrement() > 0;
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(fail ? 503 : 200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopBot() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    static AlertTransition firing() {
        return new AlertTransition(
                "t1",
                "cycle",
                2,
                "d-claims",
                1,
                TransitionKind.FIRING,
                Severity.CRITICAL,
                "claim_cycle_time_avg",
                "DAY",
                LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 3, 2),
                "DEPARTMENT",
                "d-claims",
                List.of("d-claims", "d-root"),
                new BigDecimal("2.350000"),
                new BigDecimal("2.350000"),
                new BigDecimal("2"),
                new BigDecimal("2"),
                new BigDecimal("1.9"),
                1,
                NOW,
                NOW);
    }

    private static AlertChannel channel(ChannelKind kind, String target, String secret, String language) {
        return new AlertChannel("t1", "c-" + kind, kind, "d-root", target, secret, language, Severity.INFO);
    }

    private JsonNode deliver(AlertChannel ch, String language) throws Exception {
        Notification n = new NotificationRenderer(() -> CATALOG, "https://kpi.example").render(firing(), language);
        OutboundRequest r = new ChannelFormats().request(ch, firing(), n, NOW);
        List<DeliveryAttempt> log = new ArrayList<>();
        assertTrue(new HttpDelivery(new RetrySchedule(3, Duration.ZERO, Duration.ZERO), Duration.ofSeconds(5), d -> {})
                .deliver(ch, firing().idempotencyKey(), r, log::add));
        return json.readTree(received.get(received.size() - 1)[1]);
    }

    @Test
    void dingTalkSignsTheUrlWithTimestampAndUrlEncodedBase64HmacOfTimestampNewlineSecret() throws Exception {
        assertEquals("aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D", Signatures.dingTalk("SECtest", NOW));
        JsonNode body = deliver(
                channel(ChannelKind.DINGTALK, url("/robot/send?access_token=tok"), "SECtest", "zh-CN"), "zh-CN");
        URI uri = URI.create(received.get(0)[0]);
        assertEquals(
                "access_token=tok&timestamp=1700000000000&sign=aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D",
                uri.getRawQuery());
        assertEquals("markdown", body.path("msgtype").asText());
        assertTrue(body.path("markdown").path("title").asText().contains("平均结案周期"));
        String text = body.path("markdown").path("text").asText();
        assertTrue(text.contains("当前值**: 2.35"), text);
        assertTrue(text.contains("阈值**: 2"), text);
        assertTrue(text.contains("趋势**: ↑ 上期 1.9"), text);
        assertTrue(text.contains("(https://kpi.example/tenants/t1/departments/d-claims)"), text);
    }

    @Test
    void feishuPutsTimestampInSecondsAndBase64HmacKeyedByTimestampNewlineSecretOverNothingInTheBody() throws Exception {
        answer = "{\"code\":0,\"msg\":\"success\",\"data\":{}}";
        assertEquals("mbm4Y4oluIPQ00qlBIhX8vAZ0EKv3nw0LuTb91jPL84=", Signatures.feishu("test-secret", NOW / 1000));
        JsonNode body =
                deliver(channel(ChannelKind.FEISHU, url("/open-apis/bot/v2/hook/x"), "test-secret", "en"), "en");
        assertEquals("1700000000", body.path("timestamp").asText());
        assertEquals(
                "mbm4Y4oluIPQ00qlBIhX8vAZ0EKv3nw0LuTb91jPL84=",
                body.path("sign").asText());
        assertEquals("text", body.path("msg_type").asText());
        String text = body.path("content").path("text").asText();
        assertTrue(text.startsWith("[CRITICAL] FIRING: Average claim cycle time · d-claims"), text);
        assertTrue(text.contains("Open in KPI Pulse: https://kpi.example/tenants/t1/departments/d-claims"), text);
    }

    @Test
    void theLinkPercentEncodesIdsSoTheMarkdownLinkAndThePagePathStayWhole() {
        AlertTransition t = firing();
        AlertTransition odd = new AlertTransition(
                "t 1",
                t.ruleId(),
                t.ruleVersion(),
                "d(claims)/北",
                t.sequence(),
                t.kind(),
                t.severity(),
                t.indicatorId(),
                t.windowType(),
                t.windowStart(),
                t.windowEnd(),
                t.subjectType(),
                "d(claims)/北",
                List.of("d(claims)/北", "d-root"),
                t.value(),
                t.indicatorValue(),
                t.threshold(),
                t.target(),
                t.previousValue(),
                t.membersFiring(),
                t.eventTime(),
                t.emittedAt());
        Notification n = new NotificationRenderer(() -> CATALOG, "https://kpi.example").render(odd, "en");
        // What the dashboard's router gives back with decodeURIComponent: t 1 and d(claims)/北.
        assertEquals("https://kpi.example/tenants/t%201/departments/d%28claims%29%2F%E5%8C%97", n.link());
        assertTrue(n.markdown().endsWith("(" + n.link() + ")"), n.markdown());
    }

    @Test
    void weComSendsMarkdownContentWithinItsByteLimit() throws Exception {
        JsonNode body = deliver(channel(ChannelKind.WECOM, url("/cgi-bin/webhook/send?key=k"), "", "zh-CN"), "zh-CN");
        assertEquals("markdown", body.path("msgtype").asText());
        assertEquals(1, body.size() - 1); // msgtype and markdown only
        String content = body.path("markdown").path("content").asText();
        assertTrue(content.startsWith("### [CRITICAL] 告警: 平均结案周期 · d-claims"), content);
        assertTrue(content.getBytes(StandardCharsets.UTF_8).length <= 4096);
        assertEquals("/cgi-bin/webhook/send?key=k", received.get(0)[0]);
    }

    @Test
    void theGenericWebhookSignsTimestampDotBodyWithHexHmac() throws Exception {
        assertEquals(
                "sha256=8ad37ba156048ae0e0a5533c75cdf26fee88b07f93cb57ee4c80adb053012032",
                Signatures.webhook("whsec", 1_700_000_000L, "{\"a\":1}"));
        AlertChannel ch = channel(ChannelKind.WEBHOOK, url("/hook"), "whsec", "en");
        OutboundRequest r = new ChannelFormats()
                .request(
                        ch,
                        firing(),
                        new NotificationRenderer(() -> CATALOG, "https://kpi.example").render(firing(), "en"),
                        NOW);
        assertEquals("1700000000", r.headers().get("X-KpiPulse-Timestamp"));
        assertEquals("t1|cycle|d-claims|1", r.headers().get("X-KpiPulse-Idempotency-Key"));
        assertEquals(
                Signatures.webhook("whsec", 1_700_000_000L, r.body()),
                r.headers().get("X-KpiPulse-Signature"));
        assertEquals(
                "FIRING", json.readTree(r.body()).path("alert").path("kind").asText());
    }

    @Test
    void aFailingReceiverIsRetriedWithBackOffAndMarkedFailedAfterTheLastAttempt() throws Exception {
        AlertChannel ch = channel(ChannelKind.WEBHOOK, url("/hook"), "whsec", "en");
        OutboundRequest r = new OutboundRequest(ch.target(), java.util.Map.of(), "{}");
        List<Duration> waits = new ArrayList<>();
        HttpDelivery http = new HttpDelivery(
                new RetrySchedule(4, Duration.ofMillis(500), Duration.ofSeconds(30)),
                Duration.ofSeconds(5),
                waits::add);
        failuresLeft.set(2);
        List<DeliveryAttempt> log = new ArrayList<>();
        assertTrue(http.deliver(ch, "k1", r, log::add));
        assertEquals(
                List.of(DeliveryStatus.RETRYING, DeliveryStatus.RETRYING, DeliveryStatus.DELIVERED),
                log.stream().map(DeliveryAttempt::status).toList());
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000)), waits);

        failuresLeft.set(10);
        log.clear();
        assertFalse(http.deliver(ch, "k2", r, log::add));
        assertEquals(4, log.size());
        assertEquals(DeliveryStatus.FAILED, log.get(3).status());
        assertEquals(503, log.get(3).httpStatus());
    }

    @Test
    void aBotAnsweringTwoHundredWithAnErrorCodeIsNotDelivered() throws Exception {
        answer = "{\"errcode\":310000,\"errmsg\":\"sign not match\"}";
        AlertChannel ch = channel(ChannelKind.DINGTALK, url("/robot/send?access_token=t"), "s", "en");
        List<DeliveryAttempt> log = new ArrayList<>();
        assertFalse(new HttpDelivery(new RetrySchedule(2, Duration.ZERO, Duration.ZERO), Duration.ofSeconds(5), d -> {})
                .deliver(ch, "k", new OutboundRequest(ch.target(), java.util.Map.of(), "{}"), log::add));
        assertTrue(log.get(1).detail().contains("sign not match"));
    }

    @Test
    void aSilenceMutesItsSubtreeAndRuleOnlyWhileItLasts() {
        Silence s = new Silence("t1", "s1", "cycle", "d-claims", 1_000, 2_000, "migration weekend", "u-head");
        assertTrue(s.mutes("cycle", List.of("d-claims", "d-root"), 1_000));
        assertFalse(s.mutes("cycle", List.of("d-claims", "d-root"), 2_000));
        assertFalse(s.mutes("other", List.of("d-claims"), 1_500));
        assertFalse(s.mutes("cycle", List.of("d-sales", "d-root"), 1_500));
        Silence everyRule = new Silence("t1", "s2", "", "d-root", 0, 10, "r", "u");
        assertTrue(everyRule.mutes("any", List.of("d-claims", "d-root"), 5));
    }
}
