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
import io.kpipulse.api.live.LiveConfig;
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

/**
 * The dashboard's read routes over real HTTP and a real ClickHouse, for the tests of how fresh an answer is
 * (the answer cache, values in memory): {@link SeededClickHouse}'s tenant {@code t-acme} as of 2026-03-20, the
 * API on a free port with 100 ms live polls, an executive's requests, and one more version of a March premium
 * written as the engine writes it.
 */
final class DashboardApi implements AutoCloseable {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T02:00:00Z"), ZoneOffset.UTC);
    static final String RANKING = "/api/v1/tenants/t-acme/rankings?indicator=new_policy_premium&window=MONTH_TO_DATE"
            + "&date=2026-03-20&subjectType=EMPLOYEE&limit=20";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IndicatorCatalog CATALOG = CatalogYaml.templateLibrary();
    private static final TestTokens TOKENS = new TestTokens(CLOCK);
    private static final LiveConfig FAST_POLLS =
            new LiveConfig(Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(15), 64, 100, 1000);

    private final SeededClickHouse seeded;
    private final ApiServices services;
    private final Javalin app;
    private final HttpClient http = HttpClient.newHttpClient();

    private DashboardApi(SeededClickHouse seeded, ApiServices services, Javalin app) {
        this.seeded = seeded;
        this.services = services;
        this.app = app;
    }

    /** Seeds a fresh database and starts the API with this answer cache and these values in memory. */
    static DashboardApi start(
            ClickHouseExtension clickhouse, String database, ValueCacheConfig cache, CurrentValuesConfig memory)
            throws Exception {
        SeededClickHouse seeded = SeededClickHouse.create(clickhouse, database);
        ApiServices services = ApiServices.builder(
                        seeded.connections(),
                        TenantRegistry.parse("tenants: [{id: t-acme, name: Acme Life, zone: Asia/Shanghai}]"),
                        () -> CATALOG,
                        CLOCK,
                        TestSecurity.services(seeded.connections(), CLOCK, TOKENS))
                .valueRead(ValueReadStrategy.FINAL)
                .healthTimeout(Duration.ofSeconds(5))
                .live(FAST_POLLS)
                .cache(cache)
                .memory(memory)
                .build();
        return new DashboardApi(
                seeded, services, ApiApp.create(services, ApiConfig.forTests()).start());
    }

    ApiServices services() {
        return services;
    }

    /** The answer to an executive's GET of {@code path}, which must be 200. */
    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                        .header("Authorization", TOKENS.bearer("t-acme", null, Role.EXECUTIVE))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** An executive's GET of {@code path} as sent, with these extra request headers (name, value, ...). */
    HttpResponse<byte[]> raw(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Authorization", TOKENS.bearer("t-acme", null, Role.EXECUTIVE));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The subject's March premium in the top-20 ranking, or null when it is not on it. */
    String rankedPremium(String subject) throws Exception {
        for (JsonNode v : get(RANKING).path("values")) {
            if (subject.equals(v.path("subjectId").asText())) {
                return v.path("value").asText();
            }
        }
        return null;
    }

    /** Writes one more version of the subject's March premium, stamped {@code updatedAt} (SQL). */
    void writePremium(String subject, String value, long version, String updatedAt) throws Exception {
        try (Connection c = seeded.connector().open();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start, window_end,"
                    + " subject_type, subject_id, value, numerator, denominator, target, attainment, event_count,"
                    + " last_event_time, catalog_version, version, updated_at) VALUES ('t-acme','new_policy_premium',"
                    + "'MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','" + subject + "'," + value + "," + value
                    + ",NULL,90000,0.5,9,'2026-03-20 01:00:00.000',2," + version + "," + updatedAt + ")");
        }
    }

    @Override
    public void close() {
        app.stop();
        services.close();
    }
}
