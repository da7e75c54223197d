package io.kpipulse.read.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.storage.ClickHouseConnector;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The change reader over a real ClickHouse with the real migrations: every row once, in the order it became visible. */
class ValueChangeReaderTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static ClickHouseConnector connector;
    static ValueChangeReader reader;

    static final String COLUMNS = "INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start,"
            + " window_end, subject_type, subject_id, value, numerator, denominator, target, attainment, event_count,"
            + " last_event_time, catalog_version, version, updated_at) VALUES ";

    @BeforeAll
    static void seed() throws Exception {
        String db = CLICKHOUSE.freshDatabase("read_changes");
        connector = new ClickHouseConnector(CLICKHOUSE.jdbcUrl(), db, "default", "", true);
        connector.migrator().migrate();
        reader = new ValueChangeReader(connector::open);
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            s.execute(COLUMNS
                    + "('t-acme','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-1',"
                    + "100.5,100.5,NULL,90000,0.001117,1,'2026-03-14 02:00:00.000',2,10,'2026-03-20 02:00:00.000')");
            // A second version of e-1's row in its own insert (one insert keeps only the newest version of a
            // key: optimize_on_insert), and e-2 written in the same millisecond as it.
            s.execute(COLUMNS
                    + "('t-acme','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-1',"
                    + "200.5,200.5,NULL,90000,0.002228,2,'2026-03-14 02:00:00.000',2,20,'2026-03-20 02:00:01.250'),"
                    + "('t-acme','customer_records_completed','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE',"
                    + "'e-2',80,80,100,NULL,NULL,80,'2026-03-14 02:00:00.000',2,30,'2026-03-20 02:00:01.250'),"
                    + "('t-other','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-1',"
                    + "1,1,NULL,NULL,NULL,1,'2026-03-14 02:00:00.000',2,10,'2026-03-20 03:00:00.000')");
        }
    }

    /** A fresh migrated database, for a test that writes, and its change reader. */
    record Own(ClickHouseConnector connector, ValueChangeReader changes) {
        static Own database(String name) throws Exception {
            ClickHouseConnector own =
                    new ClickHouseConnector(CLICKHOUSE.jdbcUrl(), CLICKHOUSE.freshDatabase(name), "default", "", true);
            own.migrator().migrate();
            return new Own(own, new ValueChangeReader(own::open));
        }

        void insert(String rows) throws Exception {
            execute(COLUMNS + rows);
        }

        /** {@code n} rows of subjects {@code <prefix>-0..n-1}, spread over three months (three partitions). */
        void insertGenerated(String tenant, String prefix, int n) throws Exception {
            execute("INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start, window_end,"
                    + " subject_type, subject_id, value, event_count, last_event_time, catalog_version, version,"
                    + " updated_at) SELECT '" + tenant + "', 'new_policy_premium', 'MONTH_TO_DATE',"
                    + " addMonths(toDate('2026-03-01'), number % 3), addMonths(toDate('2026-03-01'), number % 3),"
                    + " 'EMPLOYEE', concat('" + prefix + "-', toString(number)), number, 1, now64(3), 2, 1, now64(3)"
                    + " FROM numbers(" + n + ")");
        }

        void execute(String sql) throws Exception {
            try (Connection c = connector.open();
                    Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    static String row(String subject, long version, String updatedAt) {
        return "('t-acme','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','" + subject + "',"
                + version + ",NULL,NULL,NULL,NULL,1,'2026-03-14 02:00:00.000',2," + version + "," + updatedAt + ")";
    }

    static List<String> ids(ChangePage page) {
        return page.rows().stream().map(c -> c.subjectId() + "@" + c.version()).toList();
    }

    @Test
    void readsEveryVersionInTheOrderRowsBecameVisible() throws Exception {
        ChangePage all = reader.after("t-acme", 0, 100);
        assertEquals("e-1@10", ids(all).get(0), "the first insert first");
        assertEquals(Set.of("e-1@20", "e-2@30"), Set.copyOf(ids(all).subList(1, 3)));
        assertEquals(3, all.rows().size());
    }

    @Test
    void aRowComputedLongBeforeItBecameVisibleComesAfterTheRowsVisibleBeforeIt() throws Exception {
        Own own = Own.database("read_changes_late");
        ValueChangeReader changes = own.changes();
        own.insert(row("e-1", 1, "now64(3)"));
        ChangePage first = changes.after("t-acme", changes.newestBlock() - 1, 100);
        assertEquals(List.of("e-1@1"), ids(first));
        // Computed a minute before e-1's row, visible only now (a sink that retried its batch).
        own.insert(row("e-2", 1, "now64(3) - INTERVAL 1 MINUTE"));
        ChangePage next = changes.after("t-acme", first.newestBlock(), 100);
        assertEquals(List.of("e-2@1"), ids(next));
        assertTrue(next.newestBlock() > first.newestBlock());
        assertEquals(List.of(), ids(changes.after("t-acme", next.newestBlock(), 100)), "nothing twice");
    }

    @Test
    void aPollerStartingAtTheNewestBlockSeesOnlyWhatBecomesVisibleLater() throws Exception {
        Own own = Own.database("read_changes_start");
        ValueChangeReader changes = own.changes();
        assertEquals(0, changes.newestBlock(), "an empty table");
        own.insert(row("e-1", 1, "now64(3)"));
        long start = changes.newestBlock();
        assertEquals(List.of(), ids(changes.after("t-acme", start, 100)));
        own.insert(row("e-2", 1, "now64(3)"));
        assertEquals(List.of("e-2@1"), ids(changes.after("t-acme", start, 100)));
    }

    @Test
    void aMergeNeitherLosesNorRepeatsRows() throws Exception {
        Own own = Own.database("read_changes_merge");
        ValueChangeReader changes = own.changes();
        own.insert(row("e-1", 1, "now64(3)"));
        long cursor = changes.after("t-acme", 0, 100).newestBlock();
        own.insert(row("e-2", 1, "now64(3)"));
        own.insert(row("e-3", 1, "now64(3)"));
        try (Connection c = own.connector().open();
                Statement s = c.createStatement()) {
            s.execute("OPTIMIZE TABLE indicator_values FINAL");
        }
        ChangePage merged = changes.after("t-acme", cursor, 100);
        assertEquals(Set.of("e-2@1", "e-3@1"), Set.copyOf(ids(merged)));
        assertEquals(2, merged.rows().size());
        assertEquals(List.of(), ids(changes.after("t-acme", merged.newestBlock(), 100)));
    }

    /**
     * Two writers (sink subtasks: large inserts and many small ones, of two tenants) and merges race a poller
     * that follows the cursor: it reads every row of its tenant exactly once. (Naming the parts to read, as a
     * first version did, lost rows here: a listed part merged away before the read.)
     */
    @Test
    void aPollerFollowingTheCursorReadsEveryRowOnceWhileInsertsAndMergesRace() throws Exception {
        Own own = Own.database("read_changes_race");
        int bigInserts = 8;
        int bigRows = 20_000;
        int smallInserts = 300;
        ExecutorService threads = Executors.newFixedThreadPool(3);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            Future<?> big = threads.submit(() -> {
                for (int i = 0; i < bigInserts; i++) {
                    own.insertGenerated("t-acme", "big" + i, bigRows);
                }
                return null;
            });
            Future<?> small = threads.submit(() -> {
                for (int i = 0; i < smallInserts; i++) {
                    own.insertGenerated(i % 2 == 0 ? "t-acme" : "t-other", "small" + i, 3);
                }
                return null;
            });
            Future<?> merges = threads.submit(() -> {
                while (writing.get()) {
                    own.execute("OPTIMIZE TABLE indicator_values");
                    Thread.sleep(20);
                }
                return null;
            });
            Set<String> seen = new HashSet<>();
            int read = 0;
            long cursor = 0;
            boolean done = false;
            while (true) {
                ChangePage page = own.changes().after("t-acme", cursor, 50_000);
                for (ValueChange change : page.rows()) {
                    seen.add(change.subjectId() + "@" + change.windowStart());
                    read++;
                }
                cursor = page.newestBlock();
                if (done && page.rows().isEmpty()) {
                    break;
                }
                done = big.isDone() && small.isDone();
            }
            writing.set(false);
            big.get();
            small.get();
            merges.get();
            int expected = bigInserts * bigRows + (smallInserts / 2) * 3;
            assertEquals(expected, seen.size(), "rows of the tenant read");
            assertEquals(expected, read, "no row read twice");
        } finally {
            writing.set(false);
            threads.shutdownNow();
        }
    }

    @Test
    void aPageEndsAtTheEndOfAnInsert() throws Exception {
        ChangePage first = reader.after("t-acme", 0, 1);
        assertEquals(List.of("e-1@10"), ids(first));
        // The second insert holds two of the tenant's rows: a page of one brings both.
        ChangePage second = reader.after("t-acme", first.newestBlock(), 1);
        assertEquals(Set.of("e-1@20", "e-2@30"), Set.copyOf(ids(second)));
    }

    @Test
    void aChangeCarriesItsNewestEventTimeAsItsValue() throws Exception {
        ValueChange change = reader.after("t-acme", 0, 1).rows().get(0);
        assertEquals(Instant.parse("2026-03-14T02:00:00Z"), change.lastEventTime());
        assertEquals(
                Instant.parse("2026-03-14T02:00:00Z"),
                change.asValue().orElseThrow().lastEventTime());
        assertEquals(change.version(), change.asValue().orElseThrow().version());
    }

    @Test
    void rowsCarryTheirExactValuesDatesAndWriteTime() throws Exception {
        ValueChange selfReport = reader.after("t-acme", 0, 100).rows().stream()
                .filter(c -> c.subjectId().equals("e-2"))
                .findFirst()
                .orElseThrow();
        assertEquals("customer_records_completed", selfReport.indicatorId());
        assertEquals(LocalDate.parse("2026-03-01"), selfReport.windowStart());
        assertEquals(LocalDate.parse("2026-03-31"), selfReport.windowEnd());
        assertEquals(0, new BigDecimal("80").compareTo(selfReport.value()));
        assertEquals(0, new BigDecimal("100").compareTo(selfReport.denominator()));
        assertNull(selfReport.target());
        assertEquals(Instant.parse("2026-03-20T02:00:01.250Z"), selfReport.updatedAt());
    }

    @Test
    void anotherTenantsRowsNeverAppear() throws Exception {
        assertTrue(reader.after("t-acme", 0, 100).rows().stream()
                .allMatch(c -> c.tenantId().equals("t-acme")));
        assertEquals(List.of("e-1@10"), ids(reader.after("t-other", 0, 100)));
    }
}
