package io.kpipulse.read.calendars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.CalendarVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CalendarVersionStoreTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final CalendarVersion A2026 = version("t-a", 2026, 1, "2026-11-20");
    private static final CalendarVersion A2027V1 = version("t-a", 2027, 1, "2027-02-08");
    private static final CalendarVersion A2027V2 = version("t-a", 2027, 2, "2027-02-09");
    private static final CalendarVersion OTHER = version("t-b", 2026, 1, "2026-11-20");

    private static CalendarVersionStore store;

    @BeforeAll
    static void storeVersionsOutOfOrder() throws Exception {
        ClickHouseConnector db = new ClickHouseConnector(
                CLICKHOUSE.jdbcUrl(), CLICKHOUSE.freshDatabase("calendar_versions"), "default", "", true);
        db.migrator().migrate();
        store = new CalendarVersionStore(db::open);
        store.save(A2027V2, false, 1); // stored before the broker answered, never published
        store.save(A2026, false, 1);
        store.save(A2026, true, 2); // stored again once acknowledged: the newer row wins
        store.save(A2027V1, true, 3);
        store.save(OTHER, true, 4);
    }

    @Test
    void aReplayGetsTheTenantsAcknowledgedVersionsOfEveryYearAndNoneTheBrokerNeverAcknowledged() {
        assertEquals(List.of(A2026, A2027V1), store.published("t-a"));
        assertEquals(List.of(OTHER), store.published("t-b"));
        assertEquals(List.of(), store.published("t-none"));
    }

    @Test
    void theListOfAYearShowsEveryVersionInItsNewestStateOldestFirst() {
        assertEquals(
                List.of(
                        new CalendarVersionStore.Stored(A2027V1, true),
                        new CalendarVersionStore.Stored(A2027V2, false)),
                store.versions("t-a", 2027));
        assertEquals(List.of(new CalendarVersionStore.Stored(A2026, true)), store.versions("t-a", 2026));
        assertEquals(List.of(), store.versions("t-a", 2028));
    }

    @Test
    void aNumberIsHeldByItsFirstClaimAndOfClaimsRacingForItExactlyOneWins() throws Exception {
        CalendarVersion first = version("t-c", 2026, 1, "2026-05-01");
        assertTrue(store.claim(first, 10));
        assertFalse(store.claim(version("t-c", 2026, 1, "2026-05-04"), 11));
        assertEquals(List.of(new CalendarVersionStore.Stored(first, false)), store.versions("t-c", 2026));

        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch go = new CountDownLatch(1);
        List<CalendarVersion> contenders = new ArrayList<>();
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            CalendarVersion contender = version("t-c", 2026, 2, "2026-06-0" + (i + 1));
            contenders.add(contender);
            claims.add(pool.submit(() -> {
                go.await();
                return store.claim(contender, 20);
            }));
        }
        go.countDown();
        List<CalendarVersion> winners = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            if (claims.get(i).get(30, TimeUnit.SECONDS)) {
                winners.add(contenders.get(i));
            }
        }
        pool.shutdown();
        assertEquals(1, winners.size(), winners.toString());
        assertEquals(
                new CalendarVersionStore.Stored(winners.get(0), false),
                store.versions("t-c", 2026).get(1));
    }

    private static CalendarVersion version(String tenant, int year, long version, String holiday) {
        Instant published = Instant.parse("2026-11-05T02:00:00Z");
        return new CalendarVersion(
                tenant,
                year,
                version,
                new TreeSet<>(List.of(LocalDate.parse(holiday))),
                new TreeSet<>(),
                tenant + "/hr",
                published,
                published.plusSeconds(60));
    }
}
