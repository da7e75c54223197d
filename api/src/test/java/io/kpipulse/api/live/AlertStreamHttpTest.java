package io.kpipulse.api.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.alerts.lifecycle.TransitionKind;
import io.kpipulse.alerts.rules.Severity;
import io.kpipulse.api.ApiApp;
import io.kpipulse.api.ApiConfig;
import io.kpipulse.api.ApiServices;
import io.kpipulse.api.SeededClickHouse;
import io.kpipulse.api.auth.InMemoryOrg;
import io.kpipulse.api.auth.RateLimiter;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.SecurityServices;
import io.kpipulse.api.auth.TestTokens;
import io.kpipulse.api.http.ApiJson;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.tenants.TenantRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alert stream over real HTTP: a transition the dispatcher hands over reaches the open streams of the
 * callers who may see its department — the head of d-sales sees d-sales' alerts and not d-claims', HR both.
 */
class AlertStreamHttpTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final ObjectMapper JSON = new ObjectMapper();
    static final IndicatorCatalog CATALOG = CatalogYaml.templateLibrary();
    static final TenantRegistry TENANTS = TenantRegistry.parse("tenants: [{id: t-acme, name: Acme Life, zone: UTC}]");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T02:00:00Z"), ZoneOffset.UTC);
    static final LocalDate FROM = LocalDate.of(2020, 1, 1);
    static final LocalDate UNTIL = LocalDate.of(2099, 1, 1);
    static final TestTokens TOKENS = new TestTokens(CLOCK);
    static final String HR = TOKENS.bearer("t-acme", null, Role.HR);
    static final String HEAD = TOKENS.bearer("t-acme", "e-head", Role.DEPARTMENT_HEAD);

    static ApiServices services;
    static Javalin app;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        SeededClickHouse seeded = SeededClickHouse.create(CLICKHOUSE, "api_alert_stream");
        InMemoryOrg org = new InMemoryOrg("t-acme")
                .parent("d-sales", "d-root", FROM, UNTIL)
                .parent("d-claims", "d-root", FROM, UNTIL)
                .head("e-head", "d-sales", FROM, UNTIL);
        SecurityServices security = SecurityServices.builder(seeded.connections(), ApiJson.mapper(), CLOCK)
                .verifier(TOKENS.verifier())
                .rateLimiter(new RateLimiter(1, 0, System::nanoTime))
                .org(org)
                .build();
        services = ApiServices.builder(seeded.connections(), TENANTS, () -> CATALOG, CLOCK, security)
                .valueRead(ValueReadStrategy.FINAL)
                .healthTimeout(Duration.ofSeconds(5))
                .build();
        app = ApiApp.create(services, ApiConfig.forTests()).start();
        base = "http://127.0.0.1:" + app.port() + "/api/v1/tenants/t-acme/alerts/stream";
    }

    @AfterAll
    static void stop() {
        app.stop();
        services.close();
    }

    private static SseStream open(String token) throws Exception {
        SseStream s = SseStream.open(base, null, token);
        assertEquals(200, s.status);
        s.awaitComment("connected", Duration.ofSeconds(15));
        return s;
    }

    @Test
    void aHeadSeesTheAlertsOfTheirSubtreeOnlyAndHrSeesAll() throws Exception {
        try (SseStream head = open(HEAD);
                SseStream hr = open(HR)) {
            services.alerts().stream().publish(firing("d-claims", "e-9"));
            services.alerts().stream().publish(firing("d-sales", "e-1"));

            SseStream.Block seen = head.nextEvent(Duration.ofSeconds(5));
            assertNotNull(seen, "the head's own department's alert");
            assertEquals("alert", seen.name());
            assertEquals("t-acme|low|e-1|1", seen.id());
            JsonNode t = JSON.readTree(seen.data());
            assertEquals("FIRING", t.path("kind").asText());
            assertEquals("d-sales", t.path("departmentPath").path(0).asText());
            assertNull(head.nextEvent(Duration.ofMillis(800)), "d-claims is outside the head's subtree");

            assertEquals("t-acme|low|e-9|1", hr.nextEvent(Duration.ofSeconds(5)).id());
            assertEquals("t-acme|low|e-1|1", hr.nextEvent(Duration.ofSeconds(5)).id());
        }
    }

    @Test
    void aRequestThatDoesNotAskForAnEventStreamIsABadRequest() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base))
                                .header("Accept", "application/json")
                                .header("Authorization", HR)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertNotNull(JSON.readTree(r.body()).path("error").get("message"), r.body());
    }

    private static AlertTransition firing(String department, String subject) {
        return new AlertTransition(
                "t-acme",
                "low",
                1,
                subject,
                1,
                TransitionKind.FIRING,
                Severity.WARNING,
                "manager_rating",
                "MONTH_TO_DATE",
                LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31),
                "EMPLOYEE",
                subject,
                List.of(department, "d-root"),
                new BigDecimal("55"),
                new BigDecimal("55"),
                new BigDecimal("60"),
                null,
                null,
                1,
                0,
                0);
    }
}
