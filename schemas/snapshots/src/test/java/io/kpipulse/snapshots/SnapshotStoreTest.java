package io.kpipulse.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.periods.Period;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.storage.ClickHouseConnector;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A freeze's write over more than one insert batch: the hash computed while each writer formats its batch's text is
 * the content's own hash, and the lines read back (RowBinary, parsed) are the lines frozen, in canonical order.
 */
class SnapshotStoreTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final Period MARCH = Period.parse("2026-03");
    private static final Instant AT = Instant.parse("2026-04-02T02:00:00Z");

    @Test
    void aFreezeOfSeveralBatchesHashesAsTheContentAndReadsBackItsLines() throws Exception {
        String db = CLICKHOUSE.freshDatabase("snapshot_store");
        ClickHouseConnector connector = new ClickHouseConnector(CLICKHOUSE.jdbcUrl(), db, "default", "", true);
        connector.migrator().migrate();
        Connections connections = connector::open;
        int employees = SnapshotStore.LINE_BATCH * 2 + 17;
        List<SnapshotLine> lines = new ArrayList<>();
        // Given out of canonical order: the content sorts them.
        for (int i = employees - 1; i >= 0; i--) {
            Map<String, FrozenValue> figures = new TreeMap<>();
            figures.put("a_count", new FrozenValue(BigDecimal.valueOf(i), null, null, null, null, i % 7));
            if (i % 3 != 0) {
                figures.put(
                        "b_ratio",
                        new FrozenValue(
                                new BigDecimal("0.125"),
                                BigDecimal.ONE,
                                new BigDecimal("8"),
                                new BigDecimal("0.5"),
                                new BigDecimal("0.25"),
                                8));
            }
            lines.add(SnapshotLine.unscored(
                    SubjectType.EMPLOYEE, "e-" + i, "d-" + (i % 10), new BigDecimal("5000.5"), figures));
        }
        lines.add(SnapshotLine.unscored(SubjectType.DEPARTMENT, "d-0", "", null, Map.of()));
        SnapshotContent content =
                new SnapshotContent("t-acme", MARCH, 2, "none", "none", EventLogPosition.empty(), lines);
        // The hash as a content computes it on its own, formatting every line first.
        String expected =
                new SnapshotContent("t-acme", MARCH, 2, "none", "none", EventLogPosition.empty(), lines).hash();

        SnapshotStore store = new SnapshotStore(connections);
        StoredSnapshot header = store.writeNew(
                content,
                1,
                "c-1",
                "t-acme/hr",
                AT,
                "",
                false,
                h -> new Transition(
                        "t-acme", MARCH.id(), h.snapshotId(), 1, Transition.Kind.FROZEN, "t-acme/hr", AT, ""),
                CaptureProgress.IGNORED);

        assertEquals(expected, header.contentHash());
        assertEquals(expected, content.hash());
        assertEquals(employees + 1, header.lineCount());
        assertEquals(new SnapshotStore.Rehash(expected, employees + 1), store.rehash(header));
        assertEquals(
                content.lines().stream().map(CanonicalForm::line).toList(),
                store.lines(header).stream().map(CanonicalForm::line).toList());
    }
}
