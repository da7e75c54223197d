package io.kpipulse.drills;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.simulator.truth.ExpectedValue;
import io.kpipulse.storage.ClickHouseConnector;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's calendar-window values ({@code indicator_values FINAL}) against the simulator's ground truth, each
 * difference classified by its item count: fewer items than expected (or no row) is a value lost, more items (or a
 * row the truth has no value for) is double counting, the right count with another value is a different value.
 * Rolling windows are left out: the engine may assemble them at read time instead of storing them; so are the DAY
 * rows of an indicator whose catalog entry lists no DAY window (the engine writes them as the days that rolling
 * windows are assembled from, and the truth has no DAY value for such an indicator).
 */
record Reconciliation(long checked, long lost, long doubleCounted, long different, List<String> examples) {

    private record Key(
            String tenant, String indicator, String window, LocalDate start, String subjectType, String subject) {}

    private record Actual(BigDecimal value, long items) {}

    static Reconciliation of(ClickHouseConnector connector, List<ExpectedValue> truth) throws SQLException {
        IndicatorCatalog catalog = CatalogYaml.templateLibrary();
        Map<Key, Actual> actual = new HashMap<>();
        try (Connection c = connector.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tenant_id, indicator_id, window_type, window_start, subject_type,"
                        + " subject_id, value, event_count FROM indicator_values FINAL")) {
            while (rs.next()) {
                WindowType window = WindowType.valueOf(rs.getString(3));
                if (window.isRolling()
                        || (window == WindowType.DAY
                                && !catalog.find(rs.getString(2))
                                        .orElseThrow()
                                        .windows()
                                        .contains(WindowType.DAY))) {
                    continue;
                }
                actual.put(
                        new Key(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getObject(4, LocalDate.class),
                                rs.getString(5),
                                rs.getString(6)),
                        new Actual(rs.getBigDecimal(7), rs.getLong(8)));
            }
        }
        long checked = 0;
        long lost = 0;
        long doubled = 0;
        long different = 0;
        List<String> examples = new ArrayList<>();
        for (ExpectedValue e : truth) {
            if (e.windowType().isRolling()) {
                continue;
            }
            checked++;
            Key key = new Key(
                    e.tenantId(),
                    e.indicatorId(),
                    e.windowType().name(),
                    e.windowStart(),
                    e.subjectType().name(),
                    e.subjectId());
            Actual a = actual.remove(key);
            String problem = null;
            if (a == null || a.items() < e.itemCount()) {
                lost++;
                problem = "lost";
            } else if (a.items() > e.itemCount()) {
                doubled++;
                problem = "double counted";
            } else if (!same(e.value(), a.value())) {
                different++;
                problem = "different";
            }
            if (problem != null && examples.size() < 10) {
                examples.add(
                        problem + " " + key + ": expected " + e.value() + " (" + e.itemCount() + " items), was " + a);
            }
        }
        for (Map.Entry<Key, Actual> extra : actual.entrySet()) {
            if (extra.getValue().items() > 0) {
                doubled++;
                if (examples.size() < 10) {
                    examples.add("unexpected " + extra.getKey() + " = " + extra.getValue());
                }
            }
        }
        return new Reconciliation(checked, lost, doubled, different, examples);
    }

    private static boolean same(BigDecimal expected, BigDecimal actual) {
        return expected == null ? actual == null : actual != null && expected.compareTo(actual) == 0;
    }
}
