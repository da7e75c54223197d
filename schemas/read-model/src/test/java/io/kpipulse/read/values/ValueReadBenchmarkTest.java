package io.kpipulse.read.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.storage.ClickHouseConnector;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Opt-in comparison of the two value reads (run with {@code -Dkpi.benchmark=true}): 10,000 employees ×
 * 5 indicators × 13 months, each row in two versions, then the dashboard's two shapes — a whole-department
 * ranking (10,000 rows) and one subject — timed sequentially. A benchmark, not a timed unit test: it asserts
 * only that both strategies agree, and prints the numbers.
 */
class ValueReadBenchmarkTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final int EMPLOYEES = 10_000;
    private static final int ROUNDS = 60;

    @Test
    @EnabledIfSystemProperty(named = "kpi.benchmark", matches = "true")
    void compareFinalWithArgMax() throws Exception {
        String db = CLICKHOUSE.freshDatabase("value_bench");
        ClickHouseConnector connector = new ClickHouseConnector(CLICKHOUSE.jdbcUrl(), db, "default", "", true);
        connector.migrator().migrate();
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            for (int version = 1; version <= 2; version++) {
                // Two separate inserts, so every row exists in two parts until a merge, as after live updates.
                s.execute(
                        "INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start, window_end, subject_type, subject_id, value, numerator, denominator, target, attainment, event_count, last_event_time, catalog_version, version, updated_at) SELECT 't-bench', concat('ind_', toString(n % 5)),"
                                + " 'MONTH_TO_DATE', addMonths(toDate('2025-03-01'), intDiv(n, 5 * " + EMPLOYEES
                                + ") % 13),"
                                + " toLastDayOfMonth(addMonths(toDate('2025-03-01'), intDiv(n, 5 * " + EMPLOYEES
                                + ") % 13)),"
                                + " 'EMPLOYEE', concat('e-', toString(intDiv(n, 5) % " + EMPLOYEES + ")),"
                                + " toDecimal128(n % 100000, 6) / 7 + " + version + ", NULL, NULL, NULL, NULL, "
                                + version + ","
                                + " now64(3), 1, " + version + ", now64(3) FROM (SELECT number AS n FROM numbers("
                                + (5 * EMPLOYEES * 13) + "))");
            }
        }
        Connections connections = connector::open;
        LocalDate day = LocalDate.of(2026, 3, 15);
        List<LocalDate> march =
                List.of(WindowType.MONTH_TO_DATE.instanceFor(day).start());
        ValueSelection ranking = new ValueSelection(
                "t-bench", List.of("ind_3"), WindowType.MONTH_TO_DATE, march, SubjectType.EMPLOYEE, List.of());
        ValueSelection one = new ValueSelection(
                "t-bench", List.of("ind_3"), WindowType.MONTH_TO_DATE, march, SubjectType.EMPLOYEE, List.of("e-4242"));
        ValueSelection scorecard = new ValueSelection(
                "t-bench",
                List.of("ind_0", "ind_1", "ind_2", "ind_3", "ind_4"),
                WindowType.MONTH_TO_DATE,
                march,
                SubjectType.EMPLOYEE,
                List.of("e-4242"));

        ValueTable viaFinal = new ValueTable(connections, ValueReadStrategy.FINAL);
        ValueTable viaArgMax = new ValueTable(connections, ValueReadStrategy.ARG_MAX);
        assertEquals(EMPLOYEES, viaFinal.read(viaFinal.stored(ranking)).size());
        assertEquals(
                new java.util.HashSet<>(viaFinal.read(viaFinal.stored(ranking))),
                new java.util.HashSet<>(viaArgMax.read(viaArgMax.stored(ranking))));

        for (var entry : List.of(
                List.of("ranking (10,000 rows)", ranking),
                List.of("one subject", one),
                List.of("scorecard (5 indicators)", scorecard))) {
            ValueSelection selection = (ValueSelection) entry.get(1);
            for (ValueTable reader : List.of(viaFinal, viaArgMax, viaFinal, viaArgMax)) {
                long[] micros = new long[ROUNDS];
                for (int i = 0; i < ROUNDS; i++) {
                    long start = System.nanoTime();
                    reader.read(reader.stored(selection));
                    micros[i] = (System.nanoTime() - start) / 1000;
                }
                Arrays.sort(micros);
                System.out.printf(
                        "value-read %-26s %-8s p50 %6.2f ms  p90 %6.2f ms  max %6.2f ms%n",
                        entry.get(0),
                        reader.strategy(),
                        micros[ROUNDS / 2] / 1000.0,
                        micros[ROUNDS * 9 / 10] / 1000.0,
                        micros[ROUNDS - 1] / 1000.0);
            }
        }
        long[] opens = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            try (Connection c = connector.open()) {
                opens[i] = (System.nanoTime() - start) / 1000;
            }
        }
        Arrays.sort(opens);
        System.out.printf("value-read connection open           p50 %6.2f ms%n", opens[ROUNDS / 2] / 1000.0);
    }
}
