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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The change reader over a real ClickHouse with the real migrations. */
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

    @Test
    void theInsertMarkChangesWithEveryInsertAndNotWithAMerge() throws Exception {
        String db = CLICKHOUSE.freshDatabase("read_marks");
        ClickHouseConnector own = new ClickHouseConnector(CLICKHOUSE.jdbcUrl(), db, "default", "", true);
        own.migrator().migrate();
        ValueChangeReader marks = new ValueChangeReader(own::open);
        long empty = marks.insertMark();
        assertEquals(empty, marks.insertMark(), "nothing written: the same mark");
        List<Long> seen = new java.util.ArrayList<>(List.of(empty));
        for (int i = 1; i <= 3; i++) {
            try (Connection c = own.open();
                    Statement s = c.createStatement()) {
                s.execute(COLUMNS
                        + "('t-acme','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-1',"
                        + i + ",NULL,NULL,NULL,NULL,1,'2026-03-14 02:00:00.000',2," + i + ",now64(3))");
            }
            long mark = marks.insertMark();
            assertTrue(!seen.contains(mark), "insert " + i + " gives a new mark");
            seen.add(mark);
        }
        try (Connection c = own.open();
                Statement s = c.createStatement()) {
            s.execute("OPTIMIZE TABLE indicator_values FINAL");
        }
        assertEquals(seen.get(3), marks.insertMark(), "a merge keeps the partition's newest block: the same mark");
    }

    @Test
    void aChangeCarriesItsNewestEventTimeAsItsValue() throws Exception {
        ValueChange change =
                reader.since("t-acme", Instant.parse("2026-03-20T02:00:00Z"), 1).get(0);
        assertEquals(Instant.parse("2026-03-14T02:00:00Z"), change.lastEventTime());
        assertEquals(
                Instant.parse("2026-03-14T02:00:00Z"),
                change.asValue().orElseThrow().lastEventTime());
        assertEquals(change.version(), change.asValue().orElseThrow().version());
    }

    @Test
    void readsEveryVersionWrittenAtOrAfterTheBoundOldestFirst() throws Exception {
        List<ValueChange> changes = reader.since("t-acme", Instant.parse("2026-03-20T02:00:00Z"), 100);
        assertEquals(
                List.of("e-1@10", "e-1@20", "e-2@30"),
                changes.stream().map(c -> c.subjectId() + "@" + c.version()).toList());
    }

    @Test
    void theBoundIsInclusiveSoRowsOfOneMillisecondAreNeverSplit() throws Exception {
        List<ValueChange> changes = reader.since("t-acme", Instant.parse("2026-03-20T02:00:01.250Z"), 100);
        assertEquals(
                List.of(20L, 30L), changes.stream().map(ValueChange::version).toList());
    }

    @Test
    void rowsCarryTheirExactValuesDatesAndWriteTime() throws Exception {
        ValueChange selfReport = reader.since("t-acme", Instant.parse("2026-03-20T02:00:01Z"), 100).stream()
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
        assertTrue(reader.since("t-acme", Instant.EPOCH, 100).stream()
                .allMatch(c -> c.tenantId().equals("t-acme")));
        assertEquals(1, reader.since("t-other", Instant.EPOCH, 100).size());
    }

    @Test
    void newestIsTheLatestWriteTimeOrEmptyForATenantWithoutRows() throws Exception {
        assertEquals(Optional.of(Instant.parse("2026-03-20T02:00:01.250Z")), reader.newest("t-acme"));
        assertEquals(Optional.empty(), reader.newest("t-none"));
    }

    @Test
    void theLimitCapsOnePoll() throws Exception {
        assertEquals(1, reader.since("t-acme", Instant.EPOCH, 1).size());
    }
}
