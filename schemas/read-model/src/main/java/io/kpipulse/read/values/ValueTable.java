package io.kpipulse.read.values;

import io.kpipulse.catalog.Direction;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How values are stored today: {@code indicator_values}, a ReplacingMergeTree with one row per tenant,
 * indicator, window type, window start and subject, rewritten with a larger {@code version} whenever it
 * changes; rolling windows stored per as-of day (an instance per window end). The only class that knows
 * the table and its columns. Ranking happens in ClickHouse so a top-N page moves only its own rows.
 */
final class ValueTable {

    private final Connections connections;
    private final ValueReadStrategy strategy;

    ValueTable(Connections connections, ValueReadStrategy strategy) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    ValueReadStrategy strategy() {
        return strategy;
    }

    /** The newest version of every selected row, in no particular order. */
    List<IndicatorValue> read(ValueSelection selection) {
        return Sql.query(connections, strategy.sql(selection), selection.params(), rs -> value(rs, selection));
    }

    /** A ranked row and the number of rows it was ranked among. */
    record RankedRow(Integer rank, IndicatorValue value, long total) {}

    /**
     * One page of the selection's rows (one indicator, one instance) best first by {@code direction}, with
     * shared ranks for equal values (1, 2, 2, 4) and the id as the tie-breaker of the listing order. Rows
     * without a value come last and get no rank.
     */
    List<RankedRow> ranked(ValueSelection selection, Direction direction, int limit, int offset) {
        String order = order(direction);
        String sql = "SELECT *, rank() OVER (ORDER BY " + order + ") AS value_rank, count() OVER () AS total_count"
                + " FROM (" + strategy.sql(selection) + ") ORDER BY " + order + ", subject_id LIMIT ? OFFSET ?";
        List<Object> params = new ArrayList<>(selection.params());
        params.add(limit);
        params.add(offset);
        return Sql.query(connections, sql, params, rs -> rankedRow(rs, selection));
    }

    /** Where {@code subjectId} stands among the selection's rows, ranked as {@link #ranked}. */
    Optional<RankedRow> rankOf(ValueSelection selection, Direction direction, String subjectId) {
        String order = order(direction);
        String sql = "SELECT * FROM (SELECT *, rank() OVER (ORDER BY " + order + ") AS value_rank,"
                + " count() OVER () AS total_count FROM (" + strategy.sql(selection) + ")) WHERE subject_id = ?";
        List<Object> params = new ArrayList<>(selection.params());
        params.add(subjectId);
        return Sql.query(connections, sql, params, rs -> rankedRow(rs, selection)).stream()
                .findFirst();
    }

    /** Rows of the selection (ranked or not): the total a page is a part of. */
    long count(ValueSelection selection) {
        return Sql.query(
                        connections,
                        "SELECT count() AS n FROM (" + strategy.sql(selection) + ")",
                        selection.params(),
                        rs -> rs.getLong("n"))
                .get(0);
    }

    /** Whether any value was ever stored for this subject in the tenant (any indicator, window, version). */
    boolean anyRow(String tenantId, SubjectType subjectType, String subjectId) {
        return !Sql.query(
                        connections,
                        "SELECT 1 AS found FROM indicator_values WHERE tenant_id = ? AND subject_type = ?"
                                + " AND subject_id = ? LIMIT 1",
                        List.of(tenantId, subjectType.name(), subjectId),
                        rs -> rs.getInt("found"))
                .isEmpty();
    }

    /** NULLS LAST in both directions: a value that is not defined is never "best". */
    private static String order(Direction direction) {
        return direction == Direction.LOWER_IS_BETTER ? "value ASC NULLS LAST" : "value DESC NULLS LAST";
    }

    private static RankedRow rankedRow(ResultSet rs, ValueSelection selection) throws SQLException {
        IndicatorValue value = value(rs, selection);
        Integer rank = value.value() == null ? null : (int) rs.getLong("value_rank");
        return new RankedRow(rank, value, rs.getLong("total_count"));
    }

    private static IndicatorValue value(ResultSet rs, ValueSelection selection) throws SQLException {
        return new IndicatorValue(
                rs.getString("indicator_id"),
                selection.windowType(),
                selection.subjectType(),
                rs.getString("subject_id"),
                Sql.date(rs, "start_day"),
                Sql.date(rs, "end_day"),
                Sql.decimal(rs, "value"),
                Sql.decimal(rs, "numerator"),
                Sql.decimal(rs, "denominator"),
                Sql.decimal(rs, "target"),
                Sql.decimal(rs, "attainment"),
                rs.getLong("event_count"),
                Sql.epochMillis(rs, "last_event_ms"),
                rs.getLong("catalog_version"),
                rs.getLong("newest_version"));
    }
}
