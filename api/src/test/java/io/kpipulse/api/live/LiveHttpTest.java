package io.kpipulse.api.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * The live route over real HTTP and a real ClickHouse: a row version written after a client connected
 * reaches it within a second, as the JSON of a {@code value} event, and nothing is sent twice.
 */
class LiveHttpTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final ObjectMapper JSON = new ObjectMapper();
    static final IndicatorCatalog CATALOG = CatalogYaml.templateLibrary();
    static final TenantRegistry TENANTS =
            TenantRegistry.parse("tenants: [{id: t-acme, name: Acme Life, zone: Asia/Shanghai}, {id: t-other}]");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T02:00:00Z"), ZoneOffset.UTC);
    /** Fast polls and heartbeats so the test sees them; the version memory as in production. */
    static final LiveConfig LIVE =
            new LiveConfig(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMillis(500), 64, 100, 1000);

    static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

    static SeededClickHouse seeded;
    static final TestTokens TOKENS = new TestTokens(CLOCK);
    static final String HR = TOKENS.bearer("t-acme", null, Role.HR);
    static ApiServices services;
    static Javalin app;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        seeded = SeededClickHouse.create(CLICKHOUSE, "api_live");
        services = ApiServices.builder(
                        seeded.connections(),
                        TENANTS,
                        () -> CATALOG,
                        CLOCK,
                        TestSecurity.services(seeded.connections(), CLOCK, TOKENS))
                .valueRead(ValueReadStrategy.FINAL)
                .healthTimeout(Duration.ofSeconds(5))
                .live(LIVE)
                .build();
        app = ApiApp.create(services, ApiConfig.forTests()).start();
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() {
        app.stop();
        services.close();
    }

    /** A new version of a subject's March premium row, written now (updated_at = the wall clock). */
    static void writeVersion(String subject, String value, long version) throws Exception {
        writeVersion(subject, value, version, "now64(3)");
    }

    /** As above, with {@code updated_at} given as a ClickHouse expression (when the engine computed the row). */
    static void writeVersion(String subject, String value, long version, String updatedAt) throws Exception {
        try (Connection c = seeded.connector().open();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start, window_end,"
                    + " subject_type, subject_id, value, numerator, denominator, target, attainment, event_count,"
                    + " last_event_time, catalog_version, version, updated_at) VALUES ('t-acme','new_policy_premium',"
                    + "'MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','" + subject + "'," + value + "," + value
                    + ",NULL,90000,0.5,9,'2026-03-20 01:00:00.000',2," + version + "," + updatedAt + ")");
        }
    }

    static SseStream connect(String lastEventId) throws Exception {
        SseStream stream = SseStream.open(base + "/api/v1/tenants/t-acme/live", lastEventId, HR);
        assertEquals(200, stream.status);
        stream.awaitComment("connected", Duration.ofSeconds(15));
        return stream;
    }

    @Test
    void aNewRowVersionReachesAConnectedClientWithinASecond() throws Exception {
        try (SseStream stream = connect(null)) {
            long written = System.nanoTime();
            writeVersion("e-1", "45000.5", 1_000);
            SseStream.Block event = stream.nextEvent(WITHIN_A_SECOND);
            Duration took = Duration.ofNanos(System.nanoTime() - written);
            assertNotNull(event, "no event within a second");
            assertTrue(took.compareTo(WITHIN_A_SECOND) <= 0, "took " + took);
            assertEquals("value", event.name());
            JsonNode change = JSON.readTree(event.data());
            assertEquals("t-acme", change.path("tenant").asText());
            assertEquals("new_policy_premium", change.path("indicator").asText());
            assertEquals("MONTH_TO_DATE", change.path("window").asText());
            assertEquals("2026-03-01", change.path("windowStart").asText());
            assertEquals("2026-03-31", change.path("windowEnd").asText());
            assertEquals("EMPLOYEE", change.path("subjectType").asText());
            assertEquals("e-1", change.path("subjectId").asText());
            // At the indicator's scale (2), as a string, like /values.
            assertEquals("45000.50", change.path("value").asText());
            assertEquals("90000", change.path("target").asText());
            assertEquals("0.5", change.path("attainment").asText());
            assertEquals(1_000, change.path("version").asLong());
            assertNull(stream.nextEvent(Duration.ofMillis(2_500)), "it is not sent again");
        }
    }

    /**
     * A row computed long before it becomes visible (a sink that retried its batch for a minute, say) is news
     * when it appears, even after newer rows were pushed: the feed follows the order rows become visible in,
     * not the time they carry.
     */
    @Test
    void aRowThatBecomesVisibleLongAfterItWasComputedIsStillPushed() throws Exception {
        try (SseStream stream = connect(null)) {
            writeVersion("e-5", "5.00", 5_000);
            SseStream.Block fresh = stream.nextEvent(Duration.ofSeconds(2));
            assertNotNull(fresh);
            assertEquals("e-5", JSON.readTree(fresh.data()).path("subjectId").asText());
            writeVersion("e-6", "6.00", 6_000, "now64(3) - INTERVAL 1 MINUTE");
            SseStream.Block late = stream.nextEvent(WITHIN_A_SECOND);
            assertNotNull(late, "a row computed a minute before it became visible was not pushed");
            assertEquals("e-6", JSON.readTree(late.data()).path("subjectId").asText());
            assertEquals("6.00", JSON.readTree(late.data()).path("value").asText());
        }
    }

    @Test
    void rowsWrittenBeforeTheClientConnectedAreNotPushed() throws Exception {
        try (SseStream stream = connect(null)) {
            assertNull(stream.nextEvent(Duration.ofMillis(600)), "the seeded month is history, not news");
        }
    }

    @Test
    void aReconnectingClientResumesAfterItsLastEventId() throws Exception {
        String lastId;
        try (SseStream first = connect(null)) {
            writeVersion("e-2", "1.00", 2_000);
            SseStream.Block seen = first.nextEvent(Duration.ofSeconds(2));
            assertNotNull(seen);
            lastId = seen.id();
        }
        // Written while the client is away: the other client keeps the tenant's feed polling.
        try (SseStream keeper = connect(null)) {
            writeVersion("e-3", "2.00", 3_000);
            assertNotNull(keeper.nextEvent(Duration.ofSeconds(2)));
            // No wait for the greeting here: the replayed event may come before it.
            try (SseStream resumed = SseStream.open(base + "/api/v1/tenants/t-acme/live", lastId, HR)) {
                SseStream.Block missed = resumed.nextEvent(Duration.ofSeconds(2));
                assertNotNull(missed, "the event written while away is replayed");
                assertEquals(
                        "e-3", JSON.readTree(missed.data()).path("subjectId").asText());
            }
        }
    }

    @Test
    void anIdleConnectionGetsHeartbeatComments() throws Exception {
        try (SseStream stream = connect(null)) {
            stream.awaitComment("heartbeat", Duration.ofSeconds(3));
        }
    }

    @Test
    void manyClientsOfOneTenantShareOneFeed() throws Exception {
        try (SseStream a = connect(null);
                SseStream b = connect(null)) {
            assertTrue(services.live().clients("t-acme") >= 2);
            writeVersion("e-4", "4.00", 4_000);
            assertNotNull(a.nextEvent(Duration.ofSeconds(2)));
            assertNotNull(b.nextEvent(Duration.ofSeconds(2)));
        }
    }

    @Test
    void anUnknownTenantIsAJson404BeforeAnyStream() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/tenants/t-nope/live"))
                                .header("Accept", "text/event-stream")
                                .header("Authorization", TOKENS.bearer("t-nope", null, Role.HR))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
        assertEquals(
                "NOT_FOUND",
                JSON.readTree(response.body()).path("error").path("code").asText());
    }

    @Test
    void aRequestThatDoesNotAcceptAnEventStreamIsA400() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/tenants/t-acme/live"))
                                .header("Accept", "application/json")
                                .header("Authorization", HR)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("Accept"), response.body());
    }
}
