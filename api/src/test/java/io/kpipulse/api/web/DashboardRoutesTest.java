package io.kpipulse.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.testtools.JavalinTest;
import io.kpipulse.api.ApiApp;
import io.kpipulse.api.ApiConfig;
import io.kpipulse.api.ApiServices;
import io.kpipulse.api.SeededClickHouse;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.TestSecurity;
import io.kpipulse.api.auth.TestTokens;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.tenants.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The built dashboard is served from the api jar at / without disturbing the API's routes. */
class DashboardRoutesTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final TestTokens TOKENS = new TestTokens(Clock.systemUTC());
    static ApiServices services;

    @BeforeAll
    static void start() throws Exception {
        SeededClickHouse seeded = SeededClickHouse.create(CLICKHOUSE, "api_web");
        services = ApiServices.builder(
                        seeded.connections(),
                        TenantRegistry.parse("tenants: [{id: t-acme, zone: Asia/Shanghai}]"),
                        CatalogYaml::templateLibrary,
                        Clock.systemUTC(),
                        TestSecurity.services(seeded.connections(), Clock.systemUTC(), TOKENS))
                .valueRead(ValueReadStrategy.FINAL)
                .healthTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void rootAndEveryDashboardPathAnswerThePageUncached() {
        JavalinTest.test(ApiApp.create(services, ApiConfig.forTests()), (server, client) -> {
            for (String path : new String[] {"/", "/tenants/t-acme", "/tenants/t-acme/departments/d-sales"}) {
                try (Response r = client.get(path)) {
                    String body = r.body().string();
                    assertEquals(200, r.code(), path);
                    assertTrue(r.header("Content-Type", "").startsWith("text/html"), path);
                    assertEquals("no-cache", r.header("Cache-Control"), path);
                    assertTrue(body.contains("<div id=\"app\"></div>"), body);
                }
            }
        });
    }

    @Test
    void hashedAssetsAreServedAndCachedForGood() {
        JavalinTest.test(ApiApp.create(services, ApiConfig.forTests()), (server, client) -> {
            String page;
            try (Response r = client.get("/")) {
                page = r.body().string();
            }
            Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page);
            assertTrue(script.find(), page);
            try (Response r = client.get(script.group(1))) {
                assertEquals(200, r.code());
                assertTrue(r.header("Content-Type", "").contains("javascript"), r.header("Content-Type"));
                assertTrue(r.header("Cache-Control", "").contains("immutable"), r.header("Cache-Control"));
                // Built locally: the bundle names no CDN.
                String js = r.body().string();
                assertTrue(!js.contains("cdn.jsdelivr") && !js.contains("unpkg.com"), "a CDN in the bundle");
            }
        });
    }

    @Test
    void apiRoutesAndUnknownApiPathsStayJson() {
        JavalinTest.test(ApiApp.create(services, ApiConfig.forTests()), (server, client) -> {
            String hr = TOKENS.bearer("t-acme", null, Role.HR);
            try (Response r = client.get("/api/v1/tenants/t-acme/indicators", req -> req.header("Authorization", hr))) {
                assertEquals(200, r.code());
                assertTrue(r.header("Content-Type", "").startsWith("application/json"));
            }
            try (Response r = client.get("/api/v1/tenants/t-acme/nope", req -> req.header("Authorization", hr))) {
                assertEquals(404, r.code());
                assertTrue(r.body().string().contains("\"NOT_FOUND\""));
            }
            try (Response r = client.get("/health")) {
                assertEquals(200, r.code());
            }
        });
    }
}
