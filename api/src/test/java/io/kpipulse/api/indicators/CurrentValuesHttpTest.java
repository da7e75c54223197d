package io.kpipulse.api.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.kpipulse.api.ApiApp;
import io.kpipulse.api.ApiConfig;
import io.kpipulse.api.ApiServices;
import io.kpipulse.api.SeededClickHouse;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.TestSecurity;
import io.kpipulse.api.auth.TestTokens;
import io.kpipulse.api.catalog.ControlTopicStatus;
import io.kpipulse.api.live.LiveConfig;
import io.kpipulse.api.snapshots.CloseConfig;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.tenants.TenantRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Values in memory over real HTTP and a real ClickHouse: once the tenant is loaded, a ranking, a scorecard and a
 * history are answered from memory with the seeded values, a version written now (as the engine writes) reaches
 * all three through the live change feed, refreshed in place, and a stale lower version written after it does
 * not replace it.
 */
class CurrentValuesHttpTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final ObjectMapper JSON = new ObjectMapper();
    static final IndicatorCatalog CATALOG = CatalogYaml.templateLibrary();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T02:00:00Z"), ZoneOffset.UTC);
    static final TestTokens TOKENS = new TestTokens(CLOCK);
    static final LiveConfig FAST_POLLS =
            new LiveConfig(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(15), 64, 100, 1000);
    static final String RANKING = "/api/v1/tenants/t-acme/rankings?indicator=new_policy_premium&window=MONTH_TO_DATE"
            + "&date=2026-03-20&subjectType=EMPLOYEE&limit=20";

    static SeededClickHouse seeded;
    static ApiServices services;
    static Javalin app;

    @BeforeAll
    static void start() throws Exception {
        seeded = SeededClickHouse.create(CLICKHOUSE, "api_memory");
        services = ApiServices.create(
                seeded.connections(),
                TenantRegistry.parse("tenants: [{id: t-acme, name: Acme Life, zone: Asia/Shanghai}]"),
                () -> CATALOG,
                ControlTopicStatus::off,
                ValueReadStrategy.FINAL,
                Duration.ofSeconds(5),
                CLOCK,
                TestSecurity.services(seeded.connections(), CLOCK, TOKENS),
                FAST_POLLS,
                CloseConfig.defaults(),
                ValueCacheConfig.OFF,
                CurrentValuesConfig.defaults());
        app = ApiApp.create(services, ApiConfig.forTests()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!services.currentValues().ready("t-acme") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() {
        app.stop();
        services.close();
    }

    @Test
    void aVersionWrittenNowReachesTheRankingScorecardAndHistoryFromMemoryAndAStaleOneDoesNot() throws Exception {
        assertTrue(services.currentValues().ready("t-acme"), "loaded");
        assertEquals("12345.67", valueOf("e-1"));
        assertEquals("12345.67", scorecardPremium());
        assertEquals("12345.67", historyPremium());

        write("e-1", "2.00", 1_000_032, "now64(3)");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String seen = valueOf("e-1");
        while (!"2.00".equals(seen) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = valueOf("e-1");
        }
        assertEquals("2.00", seen, "the version written now replaces the kept one within a few polls");
        assertEquals("2.00", scorecardPremium());
        assertEquals("2.00", historyPremium());

        write("e-1", "3.00", 7, "now64(3)");
        write("e-2", "4.00", 1_000_033, "now64(3)"); // a later newer row: once it shows, the stale one was seen
        deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!"4.00".equals(valueOf("e-2")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("4.00", valueOf("e-2"));
        assertEquals("2.00", valueOf("e-1"), "a lower version written late never wins");
    }

    private static String scorecardPremium() throws Exception {
        JsonNode card = get("/api/v1/tenants/t-acme/subjects/EMPLOYEE/e-1/scorecard?date=2026-03-20");
        for (JsonNode entry : card.path("indicators")) {
            if ("new_policy_premium".equals(entry.path("indicator").asText())) {
                return entry.path("value").path("value").asText();
            }
        }
        return null;
    }

    private static String historyPremium() throws Exception {
        JsonNode history = get("/api/v1/tenants/t-acme/subjects/EMPLOYEE/e-1/history?indicator=new_policy_premium"
                + "&window=MONTH_TO_DATE&from=2026-01-01&to=2026-03-20&step=MONTH");
        JsonNode points = history.path("points");
        return points.get(points.size() - 1).path("value").asText();
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                                .header("Authorization", TOKENS.bearer("t-acme", null, Role.EXECUTIVE))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static String valueOf(String subject) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + RANKING))
                                .header("Authorization", TOKENS.bearer("t-acme", null, Role.EXECUTIVE))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        for (JsonNode v : JSON.readTree(response.body()).path("values")) {
            if (subject.equals(v.path("subjectId").asText())) {
                return v.path("value").asText();
            }
        }
        return null;
    }

    private static void write(String subject, String value, long version, String updatedAt) throws Exception {
        try (Connection c = seeded.connector().open();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start, window_end,"
                    + " subject_type, subject_id, value, numerator, denominator, target, attainment, event_count,"
                    + " last_event_time, catalog_version, version, updated_at) VALUES ('t-acme','new_policy_premium',"
                    + "'MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','" + subject + "'," + value + "," + value
                    + ",NULL,90000,0.5,9,'2026-03-20 01:00:00.000',2," + version + "," + updatedAt + ")");
        }
    }
}
