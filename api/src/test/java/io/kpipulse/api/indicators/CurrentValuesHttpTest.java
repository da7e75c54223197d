package io.kpipulse.api.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.time.Duration;
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

    static DashboardApi api;

    @BeforeAll
    static void start() throws Exception {
        api = DashboardApi.start(CLICKHOUSE, "api_memory", ValueCacheConfig.OFF, CurrentValuesConfig.defaults());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!api.services().currentValues().ready("t-acme") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aVersionWrittenNowReachesTheRankingScorecardAndHistoryFromMemoryAndAStaleOneDoesNot() throws Exception {
        assertTrue(api.services().currentValues().ready("t-acme"), "loaded");
        assertEquals("12345.67", api.rankedPremium("e-1"));
        assertEquals("12345.67", scorecardPremium());
        assertEquals("12345.67", historyPremium());

        api.writePremium("e-1", "2.00", 1_000_032, "now64(3)");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String seen = api.rankedPremium("e-1");
        while (!"2.00".equals(seen) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = api.rankedPremium("e-1");
        }
        assertEquals("2.00", seen, "the version written now replaces the kept one within a few polls");
        assertEquals("2.00", scorecardPremium());
        assertEquals("2.00", historyPremium());

        api.writePremium("e-1", "3.00", 7, "now64(3)");
        api.writePremium(
                "e-2", "4.00", 1_000_033, "now64(3)"); // a later newer row: once it shows, the stale one was seen
        deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!"4.00".equals(api.rankedPremium("e-2")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("4.00", api.rankedPremium("e-2"));
        assertEquals("2.00", api.rankedPremium("e-1"), "a lower version written late never wins");
    }

    @Test
    void aScorecardIsGzippedForAClientThatAcceptsItAndSentWithItsLengthToOneThatDoesNot() throws Exception {
        String path = "/api/v1/tenants/t-acme/subjects/EMPLOYEE/e-1/scorecard?date=2026-03-20";
        var plain = api.raw(path);
        assertEquals(200, plain.statusCode());
        assertEquals(
                java.util.Optional.of(Integer.toString(plain.body().length)),
                plain.headers().firstValue("Content-Length"),
                "the whole body, with its length");
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());

        var gzipped = api.raw(path, "Accept-Encoding", "gzip");
        assertEquals(200, gzipped.statusCode());
        assertEquals(java.util.Optional.of("gzip"), gzipped.headers().firstValue("Content-Encoding"));
        byte[] unzipped;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
            unzipped = in.readAllBytes();
        }
        assertEquals(
                new String(plain.body(), java.nio.charset.StandardCharsets.UTF_8),
                new String(unzipped, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String scorecardPremium() throws Exception {
        JsonNode card = api.get("/api/v1/tenants/t-acme/subjects/EMPLOYEE/e-1/scorecard?date=2026-03-20");
        for (JsonNode entry : card.path("indicators")) {
            if ("new_policy_premium".equals(entry.path("indicator").asText())) {
                return entry.path("value").path("value").asText();
            }
        }
        return null;
    }

    private static String historyPremium() throws Exception {
        JsonNode history = api.get("/api/v1/tenants/t-acme/subjects/EMPLOYEE/e-1/history?indicator=new_policy_premium"
                + "&window=MONTH_TO_DATE&from=2026-01-01&to=2026-03-20&step=MONTH");
        JsonNode points = history.path("points");
        return points.get(points.size() - 1).path("value").asText();
    }
}
