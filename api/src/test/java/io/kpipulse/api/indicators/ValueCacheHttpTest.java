package io.kpipulse.api.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.time.Duration;
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

    static DashboardApi api;

    @BeforeAll
    static void start() throws Exception {
        api = DashboardApi.start(
                CLICKHOUSE, "api_cache", new ValueCacheConfig(100, Duration.ofMinutes(5)), CurrentValuesConfig.OFF);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aCachedRankingIsServedUntilTheFeedSeesANewVersionOfItsIndicator() throws Exception {
        assertEquals("12345.67", api.rankedPremium("e-1"));
        // A version stamped long ago is not news to the feed (as for the live stream): the cached answer stays.
        api.writePremium("e-1", "1.00", 31, "'2000-01-01 00:00:00.000'");
        assertEquals("12345.67", api.rankedPremium("e-1"), "the repeated question is answered from the cache");

        api.writePremium("e-1", "2.00", 32, "now64(3)");
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        String seen = api.rankedPremium("e-1");
        while (!"2.00".equals(seen) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = api.rankedPremium("e-1");
        }
        assertEquals("2.00", seen, "the version written now replaces the cached answer within a few polls");
    }
}
