package io.kpipulse.bench.baseline;

import io.kpipulse.catalog.Aggregation;
import io.kpipulse.catalog.Aggregation.Measure;
import io.kpipulse.catalog.Aggregation.MeasureKind;
import io.kpipulse.catalog.Aggregation.Ratio;
import io.kpipulse.catalog.Condition;
import io.kpipulse.catalog.ConditionOperator;
import io.kpipulse.catalog.EventSelector;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Flink SQL baseline's statements, generated from the catalog: every count, sum and ratio indicator of the
 * template library, for DAY and MONTH_TO_DATE, per employee and per department (the department and each of its
 * ancestors), over {@link BaselineEvents}' JSON copy of the events. Filtering, attribution, the value field and
 * the roll-up are all in SQL; the catalog only decides which SQL is written.
 *
 * <p>Measures whose points come from a value map, and conditions other than equality, are not part of the
 * baseline (none of the template library's count, sum and ratio indicators uses them).
 */
public final class BaselineQueries {

    /** The JSON copy's table: tenant, event type and every field the baseline reads, by dotted path, as text. */
    public static final String EVENTS_TABLE = "baseline_events";

    private final List<IndicatorDefinition> indicators;

    public BaselineQueries(List<IndicatorDefinition> catalog) {
        this.indicators = catalog.stream().filter(BaselineQueries::inBaseline).toList();
    }

    /** Count, sum and ratio indicators with a month-to-date window (all of the library's have one). */
    static boolean inBaseline(IndicatorDefinition d) {
        Aggregation a = d.aggregation();
        boolean additive = a instanceof Measure m && additive(m)
                || a instanceof Ratio r && additive(r.numerator()) && additive(r.denominator());
        return additive && d.windows().contains(WindowType.MONTH_TO_DATE);
    }

    private static boolean additive(Measure m) {
        return (m.kind() == MeasureKind.COUNT || m.kind() == MeasureKind.SUM)
                && m.valueMap().isEmpty();
    }

    public List<IndicatorDefinition> indicators() {
        return indicators;
    }

    /** Every field path the queries read: what {@link BaselineEvents} must put into each event's map. */
    public Set<String> fieldPaths() {
        Set<String> paths = new TreeSet<>();
        for (IndicatorDefinition d : indicators) {
            for (Side side : sides(d)) {
                EventSelector s = side.measure().source();
                paths.add(s.timeField());
                paths.add(s.departmentField());
                if (s.attributesEmployee()) {
                    paths.add(s.employeeField());
                }
                if (side.measure().kind() == MeasureKind.SUM) {
                    paths.add(side.measure().valueField());
                }
                s.where().conditions().forEach(c -> paths.add(c.field()));
            }
        }
        return paths;
    }

    /** The Kafka source over the JSON copy, bounded by the offsets at job start so the job ends when it is done. */
    public static String eventsTableDdl(String topic, String bootstrap, String groupId) {
        return "CREATE TABLE " + EVENTS_TABLE + " (tenant STRING, `type` STRING, f MAP<STRING, STRING>) WITH ("
                + "'connector' = 'kafka', 'topic' = '" + topic + "', 'properties.bootstrap.servers' = '" + bootstrap
                + "', 'properties.group.id' = '" + groupId + "', 'scan.startup.mode' = 'earliest-offset',"
                + " 'scan.bounded.mode' = 'latest-offset', 'format' = 'json', 'json.fail-on-missing-field' = 'false')";
    }

    /** One row per item: an event's contribution to one indicator's numerator and denominator. */
    public String itemsView() {
        List<String> selects = new ArrayList<>();
        for (IndicatorDefinition d : indicators) {
            for (Side side : sides(d)) {
                selects.add(itemSelect(d, side));
            }
        }
        return "CREATE TEMPORARY VIEW baseline_items AS\n" + String.join("\nUNION ALL\n", selects);
    }

    private static String itemSelect(IndicatorDefinition d, Side side) {
        EventSelector s = side.measure().source();
        String value = side.measure().kind() == MeasureKind.COUNT
                ? "CAST(1 AS DECIMAL(38, 6))"
                : "CAST(" + field(side.measure().valueField()) + " AS DECIMAL(38, 6))";
        String zero = "CAST(0 AS DECIMAL(38, 6))";
        String employee = s.attributesEmployee() ? field(s.employeeField()) : "CAST(NULL AS STRING)";
        List<String> where = new ArrayList<>();
        where.add("`type` = '" + s.eventType() + "'");
        if (side.measure().kind() == MeasureKind.SUM) {
            where.add(field(side.measure().valueField()) + " IS NOT NULL");
        }
        for (Condition c : s.where().conditions()) {
            where.add(condition(c));
        }
        String kind = d.aggregation() instanceof Ratio ? "RATIO" : "MEASURE";
        BigDecimal multiplier =
                d.aggregation() instanceof Ratio r && r.multiplier() != null ? r.multiplier() : BigDecimal.ONE;
        return "SELECT tenant, '" + d.id() + "' AS indicator_id, '" + kind + "' AS kind, CAST("
                + multiplier.toPlainString()
                + " AS DECIMAL(20, 6)) AS multiplier, " + employee + " AS employee, COALESCE("
                + field(s.departmentField()) + ", DEPT_OF(tenant, " + employee + ")) AS department, CAST("
                + field(s.timeField()) + " AS BIGINT) AS t, " + (side.numerator() ? value : zero) + " AS num, "
                + (side.denominator() ? value : zero) + " AS den, "
                + d.windows().contains(WindowType.DAY) + " AS has_day, "
                + d.subjects().contains(SubjectType.EMPLOYEE) + " AS for_employee, "
                + d.subjects().contains(SubjectType.DEPARTMENT) + " AS for_department FROM " + EVENTS_TABLE
                + " WHERE " + String.join(" AND ", where);
    }

    /**
     * The values: one group per (indicator, subject, window instance), updated with every item; the days and months
     * are the session time zone's (the tenants' zone).
     */
    public static String valuesQuery() {
        String placed = "SELECT tenant, indicator_id, kind, multiplier, employee, department, has_day, for_employee,"
                + " for_department, num, den, DATE_FORMAT(TO_TIMESTAMP_LTZ(t, 3), 'yyyy-MM-dd') AS d,"
                + " DATE_FORMAT(TO_TIMESTAMP_LTZ(t, 3), 'yyyy-MM-01') AS m FROM baseline_items";
        return "WITH placed AS (" + placed + ")\n"
                + "SELECT tenant, indicator_id, subject_type, subject_id, window_type, window_start,"
                + " SUM(num) AS numerator, SUM(den) AS denominator,"
                + " CASE WHEN kind = 'MEASURE' THEN SUM(num) WHEN SUM(den) = 0 THEN NULL"
                + " ELSE SUM(num) * multiplier / SUM(den) END AS `value`, COUNT(*) AS items FROM placed,"
                + " LATERAL TABLE(TARGETS(tenant, employee, department, d, m, has_day, for_employee, for_department))"
                + " GROUP BY tenant, indicator_id, kind, multiplier, subject_type, subject_id, window_type, window_start";
    }

    /** The ClickHouse table the baseline writes; the newest row of a key has the most items. */
    public static String clickHouseDdl(String database) {
        return "CREATE TABLE " + database + ".baseline_values (tenant_id String, indicator_id String,"
                + " subject_type String, subject_id String, window_type String, window_start Date,"
                + " numerator Decimal(38, 6), denominator Decimal(38, 6), value Nullable(Decimal(38, 12)),"
                + " items UInt64) ENGINE = ReplacingMergeTree(items)"
                + " ORDER BY (tenant_id, indicator_id, window_type, window_start, subject_type, subject_id)";
    }

    private static String field(String path) {
        return "f['" + path + "']";
    }

    private static String condition(Condition c) {
        if (c.operator() == ConditionOperator.EQ) {
            return field(c.field()) + " = '" + literal(c.value()) + "'";
        }
        if (c.operator() == ConditionOperator.NE) {
            return "(" + field(c.field()) + " IS NULL OR " + field(c.field()) + " <> '" + literal(c.value()) + "')";
        }
        if (c.operator() == ConditionOperator.IN) {
            return field(c.field()) + " IN ("
                    + c.values().stream().map(v -> "'" + literal(v) + "'").collect(Collectors.joining(", "))
                    + ")";
        }
        throw new IllegalArgumentException("the baseline supports ==, != and in, not " + c);
    }

    private static String literal(Object value) {
        String text = value instanceof BigDecimal b ? b.toPlainString() : value.toString();
        if (text.contains("'")) {
            throw new IllegalArgumentException("quote in a condition literal: " + text);
        }
        return text;
    }

    /** One measure of an indicator and which of the item's two sums it adds to. */
    record Side(Measure measure, boolean numerator, boolean denominator) {}

    static List<Side> sides(IndicatorDefinition d) {
        if (d.aggregation() instanceof Measure m) {
            return List.of(new Side(m, true, false));
        }
        Ratio r = (Ratio) d.aggregation();
        return List.of(
                new Side(r.numerator(), true, r.denominatorAddsNumerator()), new Side(r.denominator(), false, true));
    }
}
