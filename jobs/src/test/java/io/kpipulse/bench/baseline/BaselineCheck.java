package io.kpipulse.bench.baseline;

import io.kpipulse.catalog.Aggregation.Ratio;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.simulator.truth.ExpectedValue;
import io.kpipulse.storage.ClickHouseConnector;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the baseline against the simulator's ground truth where the static org lookup cannot make them differ:
 * employee month-to-date values (a measure's value, a ratio's numerator and denominator).
 */
public final class BaselineCheck {

    private BaselineCheck() {}

    public static String employeeMonthToDate(
            ClickHouseConnector connector, BaselineQueries queries, List<ExpectedValue> truth) throws SQLException {
        Map<String, BigDecimal[]> baseline = new HashMap<>();
        try (Connection c = connector.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tenant_id, indicator_id, subject_id, toString(window_start),"
                        + " argMax(numerator, items), argMax(denominator, items) FROM baseline_values"
                        + " WHERE subject_type = 'EMPLOYEE' AND window_type = 'MONTH_TO_DATE'"
                        + " GROUP BY tenant_id, indicator_id, subject_id, window_start")) {
            while (rs.next()) {
                baseline.put(
                        String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                        new BigDecimal[] {rs.getBigDecimal(5), rs.getBigDecimal(6)});
            }
        }
        Map<String, IndicatorDefinition> indicators =
                queries.indicators().stream().collect(Collectors.toMap(IndicatorDefinition::id, d -> d));
        Set<String> ids = indicators.keySet();
        long total = 0;
        long equal = 0;
        long missing = 0;
        for (ExpectedValue v : truth) {
            if (v.subjectType() != SubjectType.EMPLOYEE
                    || v.windowType() != WindowType.MONTH_TO_DATE
                    || !ids.contains(v.indicatorId())) {
                continue;
            }
            total++;
            BigDecimal[] got = baseline.get(String.join(
                    "|",
                    v.tenantId(),
                    v.indicatorId(),
                    v.subjectId(),
                    v.windowStart().toString()));
            if (got == null) {
                missing++;
            } else if (indicators.get(v.indicatorId()).aggregation() instanceof Ratio
                    ? same(got[0], v.numerator()) && same(got[1], v.denominator())
                    : same(got[0], v.value())) {
                equal++;
            }
        }
        return equal + " of " + total + " (" + missing + " missing, " + (total - equal - missing) + " different)";
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a != null && b != null && a.compareTo(b) == 0;
    }
}
