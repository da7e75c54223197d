package io.kpipulse.api.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The answer cache over real HTTP and a real ClickHouse: a repeated question is answered from the cache,
 * and a version written now (as the engine writes) reaches the answer within about one live poll.
 */
class ValueCacheHttpTest {

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
        seeded = SeededClickHouse.create(CLICKHOUSE, "api_cache");
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
                new ValueCacheConfig(100, Duration.ofMinutes(5)));
        app = ApiApp.create(services, ApiConfig.forTests()).start();
    }

    @AfterAll
    static void stop() {
        app.stop();
        services.close();
    }

    @Test
    void aCachedRankingIsServedUntilTheFeedSeesANewVersionOfItsIndicator() throws Exception {
        assertEquals("12345.67", valueOf("e-1"));
        // A version stamped long ago is not news to the feed (as for the live stream): the cached answer stays.
        write("e-1", "1.00", 31, "'2000-01-01 00:00:00.000'");
        assertEquals("12345.67", valueOf("e-1"), "the repeated question is answered from the cache");

        write("e-1", "2.00", 32, "now64(3)");
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        String seen = valueOf("e-1");
        while (!"2.00".equals(seen) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = valueOf("e-1");
        }
        assertEquals("2.00", seen, "the version written now replaces the cached answer within a few polls");
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
