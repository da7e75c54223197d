package io.kpipulse.pipeline.tables;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.ingest.ArchivedEvent;
import io.kpipulse.ingest.DeadLetter;
import io.kpipulse.ingest.LateEvent;
import io.kpipulse.ingest.RejectionReason;
import io.kpipulse.sink.TableWriter;
import io.kpipulse.storage.ClickHouseConnector;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collections;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every engine output lands in its migrated table and reads back exactly, bytes included. */
class TableWritersTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static ClickHouseConnector connector;

    /** Every byte value, so a text conversion anywhere would show. */
    private static final byte[] BYTES = new byte[256];

    static {
        for (int i = 0; i < BYTES.length; i++) {
            BYTES[i] = (byte) i;
        }
    }

    private static final long T = Instant.parse("2026-03-05T02:03:04.567Z").toEpochMilli();

    @BeforeAll
    static void migrate() throws Exception {
        String db = CLICKHOUSE.freshDatabase("tables");
        connector = new ClickHouseConnector(CLICKHOUSE.jdbcUrl(), db, "default", "", true);
        connector.migrator().migrate();
    }

    private static <T> void insert(TableWriter<T> writer, T row) throws Exception {
        String sql = "INSERT INTO " + writer.table() + " (" + String.join(", ", writer.columns()) + ") VALUES ("
                + String.join(", ", Collections.nCopies(writer.columns().size(), "?")) + ")";
        try (Connection c = connector.open();
                PreparedStatement ps = c.prepareStatement(sql)) {
            writer.bind(ps, row);
            ps.addBatch();
            ps.executeBatch();
        }
    }

    private static ResultSet query(Statement s, String sql) throws Exception {
        ResultSet rs = s.executeQuery(sql);
        rs.next();
        return rs;
    }

    @Test
    void indicatorRowsKeepExactDecimalsNullsUtcTimesAndTheSubjectPath() throws Exception {
        insert(
                new IndicatorValuesTable(),
                new IndicatorRow(
                        "t1",
                        "new_policy_premium",
                        WindowType.MONTH_TO_DATE,
                        LocalDate.of(2026, 3, 1),
                        LocalDate.of(2026, 3, 31),
                        SubjectType.EMPLOYEE,
                        "e-1",
                        java.util.List.of("d-sales", "d-root"),
                        new BigDecimal("3500.50"),
                        new BigDecimal("3500.50"),
                        null,
                        new BigDecimal("90000"),
                        new BigDecimal("0.0389"),
                        3,
                        T,
                        1,
                        IndicatorRow.versionOf(3, 1),
                        T + 10));
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            ResultSet rs = query(
                    s,
                    "SELECT value, denominator, attainment, toUnixTimestamp64Milli(last_event_time), window_end,"
                            + " version, arrayStringConcat(subject_path, '>') FROM indicator_values FINAL");
            assertEquals(0, new BigDecimal("3500.50").compareTo(rs.getBigDecimal(1)));
            assertEquals(null, rs.getBigDecimal(2));
            assertEquals(0, new BigDecimal("0.0389").compareTo(rs.getBigDecimal(3)));
            assertEquals(T, rs.getLong(4));
            assertEquals(LocalDate.of(2026, 3, 31), rs.getObject(5, LocalDate.class));
            assertEquals(IndicatorRow.versionOf(3, 1), rs.getLong(6));
            assertEquals("d-sales>d-root", rs.getString(7));
        }
    }

    @Test
    void archivedEventsKeepTheOriginalBytes() throws Exception {
        insert(
                new RawEventsTable(),
                new ArchivedEvent(
                        "t1",
                        "policy.PolicyIssued",
                        "id-1",
                        T,
                        "POLICY",
                        "e-1",
                        "d-1",
                        -2L,
                        "{\"premium\": \"1.00\"}",
                        BYTES,
                        "kpi.events.policy",
                        3,
                        42,
                        T));
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            ResultSet rs = query(
                    s, "SELECT payload_avro, schema_fingerprint, toUnixTimestamp64Milli(event_time) FROM raw_events");
            assertArrayEquals(BYTES, Base64.getDecoder().decode(rs.getString(1)));
            assertEquals("18446744073709551614", rs.getString(2));
            assertEquals(T, rs.getLong(3));
        }
    }

    @Test
    void deadLettersAndLateEventsKeepTheOriginalBytes() throws Exception {
        insert(
                new DeadLettersTable(),
                new DeadLetter(
                        "kpi.events.policy",
                        1,
                        7,
                        "t1",
                        RejectionReason.MALFORMED_BODY,
                        "truncated",
                        "",
                        "",
                        BYTES,
                        "t1|e-1",
                        T));
        insert(
                new LateEventsTable(),
                new LateEvent(
                        "t1",
                        "policy.PolicyIssued",
                        "id-2",
                        T,
                        T + 3_600_000,
                        "late",
                        "e-1",
                        "d-1",
                        BYTES,
                        "kpi.events.policy",
                        0,
                        9,
                        T));
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            ResultSet dead = query(s, "SELECT original_bytes, reason FROM dead_letters");
            assertArrayEquals(BYTES, Base64.getDecoder().decode(dead.getString(1)));
            assertEquals("MALFORMED_BODY", dead.getString(2));
            ResultSet late = query(s, "SELECT payload_avro, toUnixTimestamp64Milli(received_at) FROM late_events");
            assertArrayEquals(BYTES, Base64.getDecoder().decode(late.getString(1)));
            assertEquals(T + 3_600_000, late.getLong(2));
        }
    }
}
