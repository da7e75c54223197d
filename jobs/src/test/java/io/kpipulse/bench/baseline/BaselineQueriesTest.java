package io.kpipulse.bench.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorDefinition;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

class BaselineQueriesTest {

    private final BaselineQueries queries =
            new BaselineQueries(CatalogYaml.templateLibrary().indicators());

    @Test
    void takesEveryCountSumAndRatioIndicatorOfTheTemplateLibrary() {
        List<String> ids = queries.indicators().stream()
                .map(IndicatorDefinition::id)
                .sorted()
                .toList();
        assertEquals(16, ids.size(), ids.toString());
        assertTrue(ids.contains("new_policy_premium") && ids.contains("reimbursement_error_rate"), ids.toString());
        assertTrue(
                queries.fieldPaths().contains("premium") && queries.fieldPaths().contains("firstYear"));
    }

    /**
     * Two policies of one agent on 2026-03-02 (Shanghai) and one renewal on 03-03, in a department under a parent:
     * hand-computed, new-policy premium is 150.50 on the DAY of 03-02 and the month, for the agent, their department
     * and its parent; 03-03 has no first-year premium row.
     */
    @Test
    void sumsFirstYearPremiumPerDayAndMonthForTheAgentAndEveryAncestor() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig().setLocalTimeZone(ZoneId.of("Asia/Shanghai"));
        OrgLookup org = new OrgLookup();
        org.put("E", "t", "a1", "d-team");
        org.put("D", "t", "d-team", "d-team,d-root");
        tables.createTemporarySystemFunction("DEPT_OF", new OrgLookup.DepartmentOf(org));
        tables.createTemporarySystemFunction("TARGETS", new OrgLookup.Targets(org));
        long day2 = 1772380800000L + 3_600_000L; // 2026-03-02T01:00+08:00
        long day3 = day2 + 86_400_000L;
        Table events = tables.fromValues(
                DataTypes.ROW(
                        DataTypes.FIELD("tenant", DataTypes.STRING()),
                        DataTypes.FIELD("type", DataTypes.STRING()),
                        DataTypes.FIELD("f", DataTypes.MAP(DataTypes.STRING(), DataTypes.STRING()))),
                Row.of("t", "policy.PolicyIssued", policy(day2, "100.25", true)),
                Row.of("t", "policy.PolicyIssued", policy(day2, "50.25", true)),
                Row.of("t", "policy.PolicyIssued", policy(day3, "70.00", false)));
        tables.createTemporaryView(BaselineQueries.EVENTS_TABLE, events);
        tables.executeSql(queries.itemsView());
        Map<String, BigDecimal> latest = new TreeMap<>();
        try (CloseableIterator<Row> rows = tables.toChangelogStream(tables.sqlQuery(BaselineQueries.valuesQuery()))
                .executeAndCollect()) {
            while (rows.hasNext()) {
                Row r = rows.next();
                if (r.getKind() != RowKind.UPDATE_BEFORE && "new_policy_premium".equals(r.getField(1))) {
                    latest.put(
                            r.getField(2) + " " + r.getField(3) + " " + r.getField(4) + " " + r.getField(5),
                            (BigDecimal) r.getField(8));
                }
            }
        }
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (String subject : List.of("EMPLOYEE a1", "DEPARTMENT d-team", "DEPARTMENT d-root")) {
            expected.put(subject + " DAY 2026-03-02", new BigDecimal("150.50"));
            expected.put(subject + " MONTH_TO_DATE 2026-03-01", new BigDecimal("150.50"));
        }
        assertEquals(expected.keySet(), latest.keySet());
        List<String> different = new ArrayList<>();
        expected.forEach((k, v) -> {
            if (v.compareTo(latest.get(k)) != 0) {
                different.add(k + ": " + latest.get(k));
            }
        });
        assertEquals(List.of(), different);
    }

    private static Map<String, String> policy(long time, String premium, boolean firstYear) {
        return Map.of(
                "header.eventTime",
                Long.toString(time),
                "header.employeeId",
                "a1",
                "premium",
                premium,
                "firstYear",
                Boolean.toString(firstYear));
    }
}
