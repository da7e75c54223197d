package io.kpipulse.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.api.auth.Role;
import io.kpipulse.api.metrics.MetricNames;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics}: Prometheus text, requests by route template, JVM meters, open event streams. */
class ApiMetricsTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static SecuredApi api;
    static ApiServices services;

    @BeforeAll
    static void start() throws Exception {
        api = new SecuredApi(SeededClickHouse.create(CLICKHOUSE, "api_metrics"));
        services = api.services(b -> b);
    }

    @AfterAll
    static void close() {
        services.close();
    }

    @Test
    void requestsAreCountedByRouteTemplateNeverByRawPath() {
        SecuredApi.withApp(services, (app, client) -> {
            String reader = api.bearer(SecuredApi.TENANT, Role.EXECUTIVE);
            // Three employees the seeded org does not hold: three 404s of one route, whatever the ids.
            for (String employee : new String[] {"e-1", "e-2", "e-3"}) {
                SecuredApi.get(client, SecuredApi.BASE + "/org/employees/" + employee + "?date=2026-03-05", reader)
                        .expect(404);
            }
            SecuredApi.get(client, "/no/such/page/e-4", reader).expect(404);

            String scrape = SecuredApi.get(client, "/metrics", api.bearer(SecuredApi.TENANT, Role.AUDITOR))
                    .expect(200)
                    .body();
            assertTrue(
                    Pattern.compile(
                                    "kpi_http_server_requests_seconds_count\\{method=\"GET\","
                                            + "route=\"/api/v1/tenants/\\{tenant}/org/employees/\\{employeeId}\",status=\"404\"} 3(\\.0)?\n")
                            .matcher(scrape)
                            .find(),
                    scrape);
            assertTrue(
                    Pattern.compile("route=\"UNMATCHED\",status=\"404\"} 1(\\.0)?\n")
                            .matcher(scrape)
                            .find(),
                    scrape);
            assertFalse(scrape.contains("e-2"), "a raw path (an employee id) must never become a label");
            assertFalse(scrape.contains(SecuredApi.TENANT), "nor a tenant id");
            assertTrue(
                    Pattern.compile("kpi_api_sse_streams_open 0(\\.0)?\n")
                            .matcher(scrape)
                            .find(),
                    scrape);
            // The GC pause timer appears with the first collection after start: ask for one, then scrape again.
            String auditor = api.bearer(SecuredApi.TENANT, Role.AUDITOR);
            for (int attempt = 0; attempt < 50 && !scrape.contains("jvm_gc_pause_seconds_count"); attempt++) {
                System.gc();
                Thread.sleep(100);
                scrape = SecuredApi.get(client, "/metrics", auditor).expect(200).body();
            }
            for (String name : MetricNames.PROMETHEUS) {
                assertTrue(scrape.contains(name), name + " missing from the scrape");
            }
        });
    }

    @Test
    void aReaderWithoutAnOperationsRoleIsRefusedTheScrape() {
        SecuredApi.withApp(services, (app, client) -> {
            SecuredApi.get(client, "/metrics", api.bearer(SecuredApi.TENANT, Role.EXECUTIVE))
                    .expect(403);
            SecuredApi.get(client, "/metrics", null).expect(401);
        });
    }
}
