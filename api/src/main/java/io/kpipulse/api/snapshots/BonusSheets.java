package io.kpipulse.api.snapshots;

import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.snapshots.Adjustment;
import io.kpipulse.snapshots.CanonicalForm;
import io.kpipulse.snapshots.FrozenValue;
import io.kpipulse.snapshots.SnapshotLine;
import io.kpipulse.snapshots.StoredSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables HR pays from, built from a snapshot's employee lines: the bonus sheet (every indicator value,
 * score, rating, multipliers, base pay, performance pay, and the indicator deltas carried in from earlier
 * periods), totals per department (by each employee's department at the period's end), the payroll-ready sheet
 * (one row per employee: base, performance pay and gross, with the snapshot id and hash for traceability), and the
 * carried sheet (every adjustment of an earlier frozen period carried into this one, with its lineage). A figure scoring did not compute is an empty cell, never zero;
 * gross pay is left empty while performance pay is. Totals add exact decimals.
 */
final class BonusSheets {

    record Sheets(BonusSheet bonus, BonusSheet departments, BonusSheet payroll, BonusSheet carried) {

        List<BonusSheet> all() {
            return List.of(bonus, departments, payroll, carried);
        }

        BonusSheet named(String name) {
            return all().stream()
                    .filter(s -> s.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no sheet " + name));
        }
    }

    static final List<String> SHEET_NAMES = List.of("bonus", "departments", "payroll", "carried");

    private BonusSheets() {}

    /**
     * @param carried the adjustments carried into this period from earlier ones ({@link
     *     io.kpipulse.snapshots.SnapshotStore#carriedInto}); the employees' entries are listed on the carried sheet
     *     and summed per indicator in each employee's bonus row
     */
    static Sheets of(
            StoredSnapshot snapshot,
            List<SnapshotLine> lines,
            Map<String, String> employeeNames,
            Map<String, String> departmentNames,
            IndicatorCatalog catalog,
            List<Adjustment> carried) {
        List<SnapshotLine> employees = lines.stream()
                .filter(l -> l.subjectType() == SubjectType.EMPLOYEE)
                .toList();
        List<Adjustment> carriedToEmployees = carried.stream()
                .filter(a -> a.subjectType() == SubjectType.EMPLOYEE)
                .toList();
        TreeSet<String> indicators = new TreeSet<>();
        employees.forEach(l -> indicators.addAll(l.values().keySet()));
        return new Sheets(
                bonus(employees, employeeNames, departmentNames, catalog, List.copyOf(indicators), carriedToEmployees),
                departments(employees, departmentNames),
                payroll(snapshot, employees, employeeNames),
                carried(snapshot, carriedToEmployees, employeeNames, catalog));
    }

    private static BonusSheet bonus(
            List<SnapshotLine> employees,
            Map<String, String> names,
            Map<String, String> departmentNames,
            IndicatorCatalog catalog,
            List<String> indicators,
            List<Adjustment> carried) {
        Map<String, Map<String, BigDecimal>> carriedDeltas = new HashMap<>();
        for (Adjustment a : carried) {
            if (a.delta() != null) {
                carriedDeltas
                        .computeIfAbsent(a.subjectId(), k -> new TreeMap<>())
                        .merge(a.indicatorId(), a.delta(), BigDecimal::add);
            }
        }
        List<String> keys = new ArrayList<>(List.of("employee", "name", "department", "departmentName"));
        List<String> headers =
                new ArrayList<>(List.of("员工编号 Employee", "姓名 Name", "部门 Department", "部门名称 Department name"));
        for (String id : indicators) {
            keys.add(id);
            headers.add(catalog.find(id)
                    .map(d -> d.name("zh-CN") + " " + d.name("en") + " (" + id + ")")
                    .orElse(id));
        }
        keys.addAll(List.of("score", "rating", "multipliers", "basePay", "performancePay", "carriedAdjustments"));
        headers.addAll(List.of(
                "绩效得分 Score",
                "评级 Rating",
                "系数 Multipliers",
                "基本工资 Base pay",
                "绩效工资 Performance pay",
                "结转调整 Carried adjustments"));
        List<List<Object>> rows = new ArrayList<>();
        for (SnapshotLine l : employees) {
            List<Object> row = new ArrayList<>(Arrays.asList(
                    l.subjectId(), names.get(l.subjectId()), l.departmentId(), departmentNames.get(l.departmentId())));
            for (String id : indicators) {
                FrozenValue v = l.values().get(id);
                row.add(v == null ? null : plain(v.value()));
            }
            row.add(plain(l.score()));
            row.add(l.rating());
            row.add(l.multipliers().isEmpty() ? null : CanonicalForm.multipliers(l.multipliers()));
            row.add(plain(l.basePay()));
            row.add(plain(l.performancePay()));
            Map<String, BigDecimal> deltas = carriedDeltas.get(l.subjectId());
            row.add(deltas == null ? null : CanonicalForm.multipliers(deltas));
            rows.add(row);
        }
        return new BonusSheet("bonus", keys, headers, rows);
    }

    private static BonusSheet departments(List<SnapshotLine> employees, Map<String, String> departmentNames) {
        Map<String, List<SnapshotLine>> byDepartment = new TreeMap<>();
        employees.forEach(l -> byDepartment
                .computeIfAbsent(l.departmentId(), k -> new ArrayList<>())
                .add(l));
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, List<SnapshotLine>> e : byDepartment.entrySet()) {
            BigDecimal base = BigDecimal.ZERO;
            BigDecimal performance = BigDecimal.ZERO;
            long withoutPerformancePay = 0;
            for (SnapshotLine l : e.getValue()) {
                base = l.basePay() == null ? base : base.add(l.basePay());
                if (l.performancePay() == null) {
                    withoutPerformancePay++;
                } else {
                    performance = performance.add(l.performancePay());
                }
            }
            rows.add(Arrays.asList(
                    e.getKey(),
                    departmentNames.get(e.getKey()),
                    BigDecimal.valueOf(e.getValue().size()),
                    plain(base),
                    plain(performance),
                    BigDecimal.valueOf(withoutPerformancePay)));
        }
        return new BonusSheet(
                "departments",
                List.of(
                        "department",
                        "departmentName",
                        "employees",
                        "basePayTotal",
                        "performancePayTotal",
                        "withoutPerformancePay"),
                List.of(
                        "部门 Department",
                        "部门名称 Department name",
                        "人数 Employees",
                        "基本工资合计 Base pay total",
                        "绩效工资合计 Performance pay total",
                        "未计算绩效工资人数 Without performance pay"),
                rows);
    }

    private static BonusSheet payroll(
            StoredSnapshot snapshot, List<SnapshotLine> employees, Map<String, String> names) {
        List<List<Object>> rows = new ArrayList<>();
        for (SnapshotLine l : employees) {
            BigDecimal gross = l.basePay() == null || l.performancePay() == null
                    ? null
                    : l.basePay().add(l.performancePay());
            rows.add(Arrays.asList(
                    snapshot.period().id(),
                    l.subjectId(),
                    names.get(l.subjectId()),
                    l.departmentId(),
                    plain(l.basePay()),
                    plain(l.performancePay()),
                    plain(gross),
                    snapshot.snapshotId() + " v" + snapshot.version(),
                    snapshot.contentHash()));
        }
        return new BonusSheet(
                "payroll",
                List.of(
                        "period",
                        "employee",
                        "name",
                        "department",
                        "basePay",
                        "performancePay",
                        "grossPay",
                        "snapshot",
                        "contentHash"),
                List.of(
                        "期间 Period",
                        "员工编号 Employee",
                        "姓名 Name",
                        "部门 Department",
                        "基本工资 Base pay",
                        "绩效工资 Performance pay",
                        "应发合计 Gross pay",
                        "快照 Snapshot",
                        "内容哈希 Content hash"),
                rows);
    }

    /**
     * Every adjustment carried into this period, one row each: who, which indicator of which earlier period and
     * snapshot, old and new value, delta, why (late events or a dispute) and the events behind it.
     */
    private static BonusSheet carried(
            StoredSnapshot snapshot, List<Adjustment> carried, Map<String, String> names, IndicatorCatalog catalog) {
        List<List<Object>> rows = new ArrayList<>();
        for (Adjustment a : carried) {
            rows.add(Arrays.asList(
                    snapshot.period().id(),
                    a.subjectId(),
                    names.get(a.subjectId()),
                    a.period(),
                    a.snapshotId(),
                    a.indicatorId(),
                    catalog.find(a.indicatorId()).map(d -> d.name("zh-CN")).orElse(a.indicatorId()),
                    plain(a.oldValue()),
                    plain(a.newValue()),
                    plain(a.delta()),
                    a.cause().name(),
                    String.join(" ", a.eventIds()),
                    a.adjustmentId()));
        }
        return new BonusSheet(
                "carried",
                List.of(
                        "period",
                        "employee",
                        "name",
                        "fromPeriod",
                        "fromSnapshot",
                        "indicator",
                        "indicatorName",
                        "oldValue",
                        "newValue",
                        "delta",
                        "cause",
                        "events",
                        "adjustment"),
                List.of(
                        "期间 Period",
                        "员工编号 Employee",
                        "姓名 Name",
                        "原期间 From period",
                        "原快照 From snapshot",
                        "指标 Indicator",
                        "指标名称 Indicator name",
                        "原值 Old value",
                        "新值 New value",
                        "差额 Delta",
                        "原因 Cause",
                        "事件 Events",
                        "调整编号 Adjustment"),
                rows);
    }

    /** Exact decimals without trailing zeros ({@code 8000}, {@code 0.137174}); null stays null. */
    private static BigDecimal plain(BigDecimal d) {
        return d == null ? null : new BigDecimal(CanonicalForm.decimal(d));
    }
}
