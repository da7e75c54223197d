package io.kpipulse.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.periods.Period;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.storage.ClickHouseConnector;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Integrity re-hashes of stored lines, recorded and read back over a real ClickHouse. */
class IntegrityChecksTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final Period MARCH = Period.parse("2026-03");
    private static final Instant AT = Instant.parse("2026-04-02T02:00:00Z");

    @Test
    void theNewestOfChecksAtOneInstantIsTheOneRecordedLast() throws Exception {
        String db = CLICKHOUSE.freshDatabase("integrity_checks");
        ClickHouseConnector connector = new ClickHouseConnector(CLICKHOUSE.jdbcUrl(), db, "default", "", true);
        connector.migrator().migrate();
        Connections connections = connector::open;
        SnapshotContent content = new SnapshotContent(
                "t-acme",
                MARCH,
                2,
                "none",
                "none",
                EventLogPosition.empty(),
                List.of(SnapshotLine.unscored(
                        SubjectType.EMPLOYEE,
                        "e-1",
                        "d-1",
                        new BigDecimal("8000.00"),
                        Map.of(
                                "new_policy_premium",
                                new FrozenValue(new BigDecimal("12.5"), null, null, null, null, 2)))));
        StoredSnapshot snapshot = StoredSnapshot.of(content, 1, "c-1", "t-acme/hr", AT, "", false);
        new SnapshotStore(connections)
                .write(
                        snapshot,
                        content,
                        new Transition(
                                "t-acme",
                                MARCH.id(),
                                snapshot.snapshotId(),
                                1,
                                Transition.Kind.FROZEN,
                                "t-acme/hr",
                                AT,
                                ""));

        // Checks under a fixed clock share checked_at: the tie-break must be the order they were recorded in, not a
        // random id (with random ids the 25th would be the one shown 1 time in 25).
        IntegrityChecks checks = new IntegrityChecks(connections);
        for (int i = 1; i <= 25; i++) {
            IntegrityCheck check = checks.check(snapshot, "checker-" + i, AT);
            assertTrue(check.intact());
            assertEquals(
                    "checker-" + i,
                    checks.latest("t-acme", MARCH.id(), snapshot.snapshotId())
                            .orElseThrow()
                            .checkedBy());
        }
        // A line whose stored figures are not the bytes the freeze hashed is not intact, even where they would parse
        // back to the same values ("12.50" for "12.5"): the re-hash hashes the stored text as it is.
        StoredSnapshot copy = StoredSnapshot.of(content, 2, "c-2", "t-acme/hr", AT, "", false);
        try (Connection c = connector.open();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO snapshot_lines (tenant_id, snapshot_id, capture_id, subject_type, subject_id,"
                    + " department_id, base_pay, score, rating, multipliers, performance_pay, figures) VALUES ('t-acme', '"
                    + copy.snapshotId() + "', 'c-2', 'EMPLOYEE', 'e-1', 'd-1', 8000, NULL, NULL, '', NULL,"
                    + " 'new_policy_premium=12.50,~,~,~,~,2')");
        }
        IntegrityCheck tampered = checks.check(copy, "tamper", AT);
        assertFalse(tampered.intact());
        assertEquals(copy.contentHash(), tampered.storedHash());
        assertNotEquals(copy.contentHash(), tampered.rehashedHash());
        // The canonical bytes under that copy's ids re-hash to its header's hash.
        try (Connection c = connector.open();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO snapshot_lines (tenant_id, snapshot_id, capture_id, subject_type, subject_id,"
                    + " department_id, base_pay, score, rating, multipliers, performance_pay, figures) VALUES ('t-acme', '"
                    + copy.snapshotId() + "', 'c-3', 'EMPLOYEE', 'e-1', 'd-1', 8000, NULL, NULL, '', NULL,"
                    + " 'new_policy_premium=12.5,~,~,~,~,2')");
        }
        StoredSnapshot canonical = StoredSnapshot.of(content, 2, "c-3", "t-acme/hr", AT, "", false);
        assertTrue(checks.check(canonical, "canonical", AT).intact());

        // A later instant still wins over the order of recording.
        checks.check(snapshot, "later", AT.plusSeconds(1));
        checks.check(snapshot, "earlier", AT.minusSeconds(1));
        assertEquals(
                "later",
                checks.latest("t-acme", MARCH.id(), snapshot.snapshotId())
                        .orElseThrow()
                        .checkedBy());
    }
}
