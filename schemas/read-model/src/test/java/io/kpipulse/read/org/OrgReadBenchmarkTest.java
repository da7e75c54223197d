package io.kpipulse.read.org;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.storage.ClickHouseConnector;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Not a test: {@code -Dkpi.benchmark=true} prints how long the org reads take for 10,000 employees in 201
 * departments (one move each for a fifth of them), every row in two copies as an unmerged replay leaves them.
 */
@EnabledIfSystemProperty(named = "kpi.benchmark", matches = "true")
class OrgReadBenchmarkTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final int EMPLOYEES = 10_000;
    private static final int TEAMS = 200;

    @Test
    void snapshotNamesAndRecordOfATenThousandEmployeeCompany() throws Exception {
        String db = CLICKHOUSE.freshDatabase("orgbench");
        ClickHouseConnector connector = new ClickHouseConnector(CLICKHOUSE.jdbcUrl(), db, "default", "", true);
        connector.migrator().migrate();
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            for (int copy = 0; copy < 2; copy++) {
                s.execute("INSERT INTO org_department_lines SELECT 't-bench', 'd-root', '2026-02-28 16:00:00',"
                        + " 'CREATED', 'Root', '', 'SUPPORT', 'EXECUTIVE', 'ev-root', 0");
                s.execute("INSERT INTO org_department_lines SELECT 't-bench', concat('d-', toString(number)),"
                        + " '2026-02-28 16:00:00', 'CREATED', concat('Team ', toString(number)), 'd-root',"
                        + " 'FRONT_LINE', 'LIFE_SALES', concat('ev-d', toString(number)), number + 1"
                        + " FROM numbers(" + TEAMS + ")");
                s.execute("INSERT INTO org_employee_lines SELECT 't-bench', concat('e-', toString(number)),"
                        + " '2026-02-28 16:00:00', 'HIRED', concat('d-', toString(number % " + TEAMS + ")), 'Agent',"
                        + " if(number < " + TEAMS + ", '', concat('e-', toString(number % " + TEAMS + "))),"
                        + " '2020-01-01', concat('ev-h', toString(number)), 1000 + number FROM numbers(" + EMPLOYEES
                        + ")");
                s.execute("INSERT INTO org_employee_lines SELECT 't-bench', concat('e-', toString(number)),"
                        + " '2026-03-16 00:30:00', 'MOVED', concat('d-', toString((number + 1) % " + TEAMS + ")),"
                        + " 'Agent', concat('e-', toString((number + 1) % " + TEAMS + ")), '2026-03-16',"
                        + " concat('ev-m', toString(number)), 100000 + number FROM numbers(" + EMPLOYEES + ")"
                        + " WHERE number >= " + TEAMS + " AND number % 5 = 0");
                s.execute("INSERT INTO org_employee_personal SELECT 't-bench', concat('e-', toString(number)),"
                        + " '2026-02-28 16:00:00', concat('员工', toString(number)), 8000.00, '2020-01-01',"
                        + " concat('ev-h', toString(number)), 1000 + number FROM numbers(" + EMPLOYEES + ")");
            }
        }
        OrgReader reader = new OrgReader(connector::open);
        OrgDay day = new OrgDay("t-bench", LocalDate.parse("2026-03-20"), ZoneId.of("Asia/Shanghai"));
        OrgSnapshot snapshot = reader.snapshot(day);
        assertEquals(TEAMS + 1, snapshot.departments().size());
        assertEquals(EMPLOYEES, snapshot.subtreeEmployeeIds("d-root").size());
        List<String> all = new ArrayList<>(snapshot.subtreeEmployeeIds("d-root"));

        report("snapshot (tree, members, heads)", () -> reader.snapshot(day));
        report("names of 50 (a page of a ranking)", () -> reader.names(day, all.subList(0, 50)));
        report("names of all 10,000", () -> reader.names(day, all));
        report("one employee's record", () -> reader.employee(day, "e-1005"));
    }

    private static void report(String what, Supplier<?> read) {
        int rounds = 30;
        long[] micros = new long[rounds];
        int answered = 0;
        for (int i = 0; i < rounds; i++) {
            long started = System.nanoTime();
            // Count the answers so the read is used (and a null answer would show in the report).
            answered += read.get() == null ? 0 : 1;
            micros[i] = (System.nanoTime() - started) / 1_000;
        }
        if (answered != rounds) {
            throw new IllegalStateException(what + ": " + (rounds - answered) + " reads answered null");
        }
        Arrays.sort(micros);
        System.out.printf(
                "BENCHMARK org %s: p50 %.1f ms, p90 %.1f ms%n",
                what, micros[rounds / 2] / 1000.0, micros[rounds * 9 / 10] / 1000.0);
    }
}
