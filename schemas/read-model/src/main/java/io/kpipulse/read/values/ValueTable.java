package io.kpipulse.read.values;

import io.kpipulse.catalog.Direction;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.RowBinaryQuery;
import io.kpipulse.read.sql.Sql;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How values are stored: {@code indicator_values}, a ReplacingMergeTree with one row per tenant,
 * indicator, window type, window start and subject, rewritten with a larger {@code version} whenever it
 * changes. Rolling windows of holistic kinds are stored per as-of day (an instance per window end); the
 * others are stored as DAY rows only and assembled here, in ClickHouse, by summing the day parts. The only class that knows
 * the table and its columns. Ranking happens in ClickHouse so a top-N page moves only its own rows.
 *
 * <p>The same rows, every version, are also in {@value #BY_SUBJECT} (V019: filled by a materialized view in the
 * same INSERT), sorted subject first in 256-row granules. Reads of listed subjects (a scorecard, a history, the
 * trend of a ranking page, a scope's ranking, a bulk read of ids) read that copy: a few hundred rows per part
 * instead of one 8,192-row granule per (indicator, instance). Reads of every subject of a type read
 * {@value #BY_INDICATOR}, sorted indicator first.
 */
final class ValueTable {

    /** Sorted by tenant, indicator, window type, window start, subject type, subject (V002). */
    static final String BY_INDICATOR = "indicator_values";

    /** Sorted by tenant, subject type, subject, window type, indicator, window start (V019). */
    static final String BY_SUBJECT = "indicator_values_by_subject";

    private final Connections connections;
    private final ValueReadStrategy strategy;

    ValueTable(Connections connections, ValueReadStrategy strategy) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    ValueReadStrategy strategy() {
        return strategy;
    }

    /**
     * Rows to read, rank or count: the SQL of a derived table with one row per subject and instance, its
     * parameters, the column a ranking orders by, the column holding the subject's department path, and how
     * a result row becomes a value.
     */
    record Source(
            String sql,
            List<Object> params,
            String orderColumn,
            String pathColumn,
            Sql.RowMapper<IndicatorValue> mapper) {

        /**
         * Only the rows whose subject path contains {@code departmentId}. The filter wraps the newest rows
         * (never the stored rows before versions are merged): the path is not in the sorting key, so
         * filtering earlier could drop a newest version and keep an older one.
         */
        Source within(String departmentId) {
            List<Object> withDepartment = new ArrayList<>(params);
            withDepartment.add(departmentId);
            return new Source(
                    "SELECT * FROM (" + sql + ") WHERE has(" + pathColumn + ", ?)",
                    withDepartment,
                    orderColumn,
                    pathColumn,
                    mapper);
        }
    }

    /** The newest version of every selected stored row (see {@link #newest} for which copy is read). */
    Source stored(ValueSelection selection) {
        return new Source(
                newest(selection),
                selection.params(),
                "value",
                "path_of_subject",
                rs -> value(rs, selection.windowType(), selection.subjectType()));
    }

    /**
     * Rolling instances (named by their last day) assembled from the newest DAY rows of {@code days}: per
     * subject and instance the sums of numerators, denominators, event counts and versions' parts, the
     * smallest and largest value, the newest event and catalog version, and the department path of the
     * newest day; {@code assemble} turns those into a value, {@code order} (may be null when not ranked)
     * is what a ranking orders by. Each day row joins every requested instance that contains it.
     */
    Source assembled(
            ValueSelection days,
            WindowType rolling,
            List<LocalDate> asOfDays,
            Function<AssembledParts, IndicatorValue> assemble,
            AssembledOrder order) {
        List<Object> params = new ArrayList<>();
        String rankValue = "";
        if (order != null) {
            rankValue = ", " + order.sql() + " AS rank_value";
            params.addAll(order.params());
        }
        String sql = "SELECT *" + rankValue + " FROM (SELECT indicator_id, subject_id, toString(as_of) AS as_of_day,"
                + " sum(numerator) AS numerator_sum, sum(denominator) AS denominator_sum,"
                + " min(value) AS min_value, max(value) AS max_value, sum(event_count) AS events,"
                + " max(last_event_ms) AS newest_event_ms, max(catalog_version) AS newest_catalog,"
                + " sum(intDiv(newest_version, 1048576)) AS parts, argMax(path_of_subject, start_day) AS newest_path"
                + " FROM (" + newest(days) + ")"
                + " ARRAY JOIN arrayFilter(a -> a >= toDate(start_day) AND a <= toDate(start_day) + ?, ["
                + String.join(", ", java.util.Collections.nCopies(asOfDays.size(), "toDate(?)")) + "]) AS as_of"
                + " GROUP BY indicator_id, subject_id, as_of)";
        params.addAll(days.params());
        params.add(rolling.rollingDays() - 1);
        params.addAll(asOfDays);
        return new Source(sql, params, "rank_value", "newest_path", rs -> assemble.apply(parts(rs, rolling)));
    }

    /**
     * The SQL of the newest version of every selected row. Every subject of a type: {@value #BY_INDICATOR} read the
     * configured way. Listed subjects: {@value #BY_SUBJECT} with argMax, which a test holds to the same rows as
     * either way of reading {@value #BY_INDICATOR}, unmerged versions included.
     */
    private String newest(ValueSelection selection) {
        return selection.allSubjects()
                ? strategy.sql(selection, BY_INDICATOR)
                : ValueReadStrategy.ARG_MAX.sql(selection, BY_SUBJECT);
    }

    /** The newest version of every row of the source, in no particular order. */
    List<IndicatorValue> read(Source source) {
        return Sql.query(connections, source.sql(), source.params(), source.mapper());
    }

    /** {@link #read}, each row handed to {@code each} as it arrives instead of kept. */
    void forEach(Source source, Consumer<IndicatorValue> each) {
        Sql.forEach(connections, source.sql(), source.params(), source.mapper(), each);
    }

    /**
     * The newest version of every selected stored row, only the figures a close keeps, each handed to {@code each}
     * as it is decoded: the rows of {@link #stored} (same strategy, same selection) read as RowBinary instead of
     * through the JDBC result set, which decodes all fifteen columns of every row into objects.
     */
    void forEachFigure(ValueSelection selection, Consumer<InstanceFigure> each) {
        RowBinaryQuery.run(connections, strategy.figuresSql(selection), selection.namedParams(), FIGURE_COLUMNS, in -> {
            // Few distinct indicators: one String each instead of one per row.
            Map<String, String> indicators = new HashMap<>();
            while (in.hasRow()) {
                String indicator = indicators.computeIfAbsent(in.string(), k -> k);
                each.accept(new InstanceFigure(
                        indicator,
                        in.string(),
                        in.nullableDecimal128(SCALE),
                        in.nullableDecimal128(SCALE),
                        in.nullableDecimal128(SCALE),
                        in.nullableDecimal128(SCALE),
                        in.nullableDecimal128(SCALE),
                        in.uint64()));
            }
        });
    }

    /**
     * Every stored version of the selected rows, the close's figures and each row's version, as RowBinary and without
     * the engine's merge of versions (FINAL / argMax): the caller keeps the highest version of each indicator and
     * subject, the row {@link #forEachFigure} answers.
     */
    void forEachFigureVersion(ValueSelection selection, FigureVersions each) {
        RowBinaryQuery.run(
                connections,
                ValueReadStrategy.everyVersionFiguresSql(selection),
                selection.namedParams(),
                VERSIONED_FIGURE_COLUMNS,
                in -> {
                    Map<String, String> indicators = new HashMap<>();
                    while (in.hasRow()) {
                        String indicator = indicators.computeIfAbsent(in.string(), k -> k);
                        InstanceFigure figure = new InstanceFigure(
                                indicator,
                                in.string(),
                                in.nullableDecimal128(SCALE),
                                in.nullableDecimal128(SCALE),
                                in.nullableDecimal128(SCALE),
                                in.nullableDecimal128(SCALE),
                                in.nullableDecimal128(SCALE),
                                in.uint64());
                        each.accept(figure, in.uint64());
                    }
                });
    }

    /**
     * {@link #forEachFigureVersion}'s rows, each decoded into one reused {@link FigureRow} (decimals as unscaled longs)
     * instead of an {@link InstanceFigure} and five BigDecimals per row.
     */
    void forEachFigureRow(ValueSelection selection, Consumer<FigureRow> each) {
        RowBinaryQuery.run(
                connections,
                ValueReadStrategy.everyVersionFiguresSql(selection),
                selection.namedParams(),
                VERSIONED_FIGURE_COLUMNS,
                in -> {
                    Map<String, String> indicators = new HashMap<>();
                    FigureRow row = new FigureRow();
                    long[] lowHigh = new long[2];
                    while (in.hasRow()) {
                        row.start(indicators.computeIfAbsent(in.string(), k -> k), in.string());
                        for (int i = 0; i < FigureRow.DECIMALS; i++) {
                            if (in.nullableInt128(lowHigh)) {
                                row.decimal128(i, lowHigh[0], lowHigh[1]);
                            } else {
                                row.absent(i);
                            }
                        }
                        long eventCount = in.uint64();
                        row.finish(eventCount, in.uint64());
                        each.accept(row);
                    }
                });
    }

    /**
     * Every stored version (no FINAL, no argMax: the caller keeps the newest of each row itself, by the table's own
     * rule) of the tenant's rows that {@code keeps} name (window type, subject types, first start), as RowBinary,
     * each handed to {@code each} as it is decoded: the bulk load of {@link InMemoryValues}. Ids are interned per
     * read, so the values handed over share one String per indicator and subject.
     */
    void forEachVersion(String tenantId, List<InMemoryValues.Horizon.Keep> keeps, Consumer<IndicatorValue> each) {
        if (keeps.isEmpty()) {
            return;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenantId);
        List<String> rules = new ArrayList<>();
        for (int k = 0; k < keeps.size(); k++) {
            InMemoryValues.Horizon.Keep keep = keeps.get(k);
            List<String> types = new ArrayList<>();
            for (SubjectType t : keep.subjects()) {
                types.add("{t" + k + "_" + types.size() + ":String}");
                params.put("t" + k + "_" + (types.size() - 1), t.name());
            }
            params.put("w" + k, keep.window().name());
            params.put("f" + k, keep.from().toString());
            rules.add("(window_type = {w" + k + ":String} AND subject_type IN (" + String.join(", ", types)
                    + ") AND window_start >= {f" + k + ":Date})");
        }
        String sql = "SELECT indicator_id, window_type, subject_type, subject_id, window_start, window_end, value,"
                + " numerator, denominator, target, attainment, event_count,"
                + " toUnixTimestamp64Milli(last_event_time) AS last_event_ms, catalog_version, version FROM "
                + BY_INDICATOR + " WHERE tenant_id = {tenant:String} AND (" + String.join(" OR ", rules) + ")";
        RowBinaryQuery.run(connections, sql, params, VERSION_COLUMNS, input -> {
            Map<String, String> ids = new HashMap<>();
            while (input.hasRow()) {
                String indicator = ids.computeIfAbsent(input.string(), k -> k);
                WindowType window = WindowType.valueOf(input.string());
                SubjectType subjectType = SubjectType.valueOf(input.string());
                String subject = ids.computeIfAbsent(input.string(), k -> k);
                LocalDate start = LocalDate.ofEpochDay(input.epochDay());
                LocalDate end = LocalDate.ofEpochDay(input.epochDay());
                each.accept(new IndicatorValue(
                        indicator,
                        window,
                        subjectType,
                        subject,
                        start,
                        end,
                        input.nullableDecimal128(SCALE),
                        input.nullableDecimal128(SCALE),
                        input.nullableDecimal128(SCALE),
                        input.nullableDecimal128(SCALE),
                        input.nullableDecimal128(SCALE),
                        input.uint64(),
                        java.time.Instant.ofEpochMilli(input.int64Value()),
                        input.uint64(),
                        input.uint64()));
            }
        });
    }

    private static final List<RowBinaryQuery.Column> VERSION_COLUMNS = List.of(
            RowBinaryQuery.Column.of("indicator_id", "LowCardinality(String)", "String"),
            RowBinaryQuery.Column.of("window_type", "LowCardinality(String)", "String"),
            RowBinaryQuery.Column.of("subject_type", "LowCardinality(String)", "String"),
            RowBinaryQuery.Column.of("subject_id", "String"),
            RowBinaryQuery.Column.of("window_start", "Date"),
            RowBinaryQuery.Column.of("window_end", "Date"),
            RowBinaryQuery.Column.of("value", "Nullable(Decimal(38, 6))"),
            RowBinaryQuery.Column.of("numerator", "Nullable(Decimal(38, 6))"),
            RowBinaryQuery.Column.of("denominator", "Nullable(Decimal(38, 6))"),
            RowBinaryQuery.Column.of("target", "Nullable(Decimal(38, 6))"),
            RowBinaryQuery.Column.of("attainment", "Nullable(Decimal(38, 6))"),
            RowBinaryQuery.Column.of("event_count", "UInt64"),
            RowBinaryQuery.Column.of("last_event_ms", "Int64"),
            RowBinaryQuery.Column.of("catalog_version", "UInt64"),
            RowBinaryQuery.Column.of("version", "UInt64"));

    /** Decimal places of the value columns (V002: {@code Decimal(38, 6)}). */
    private static final int SCALE = 6;

    private static final String DECIMAL = "Nullable(Decimal(38, 6))";

    private static final List<RowBinaryQuery.Column> FIGURE_COLUMNS = List.of(
            RowBinaryQuery.Column.of("indicator_id", "LowCardinality(String)", "String"),
            RowBinaryQuery.Column.of("subject_id", "String"),
            RowBinaryQuery.Column.of("value", DECIMAL),
            RowBinaryQuery.Column.of("numerator", DECIMAL),
            RowBinaryQuery.Column.of("denominator", DECIMAL),
            RowBinaryQuery.Column.of("target", DECIMAL),
            RowBinaryQuery.Column.of("attainment", DECIMAL),
            RowBinaryQuery.Column.of("event_count", "UInt64"));

    private static final List<RowBinaryQuery.Column> VERSIONED_FIGURE_COLUMNS = List.of(
            FIGURE_COLUMNS.get(0),
            FIGURE_COLUMNS.get(1),
            FIGURE_COLUMNS.get(2),
            FIGURE_COLUMNS.get(3),
            FIGURE_COLUMNS.get(4),
            FIGURE_COLUMNS.get(5),
            FIGURE_COLUMNS.get(6),
            FIGURE_COLUMNS.get(7),
            RowBinaryQuery.Column.of("version", "UInt64"));

    /** A ranked row and the number of rows it was ranked among. */
    record RankedRow(Integer rank, IndicatorValue value, long total) {}

    /**
     * One page of the source's rows (one indicator, one instance) best first by {@code direction}, with
     * shared ranks for equal values (1, 2, 2, 4) and the id as the tie-breaker of the listing order. Rows
     * without a value come last and get no rank.
     */
    List<RankedRow> ranked(Source source, Direction direction, int limit, int offset) {
        String order = order(source.orderColumn(), direction);
        String sql = "SELECT *, rank() OVER (ORDER BY " + order + ") AS value_rank, count() OVER () AS total_count"
                + " FROM (" + source.sql() + ") ORDER BY " + order + ", subject_id LIMIT ? OFFSET ?";
        List<Object> params = new ArrayList<>(source.params());
        params.add(limit);
        params.add(offset);
        return Sql.query(connections, sql, params, rs -> rankedRow(rs, source));
    }

    /** Where {@code subjectId} stands among the source's rows, ranked as {@link #ranked}. */
    Optional<RankedRow> rankOf(Source source, Direction direction, String subjectId) {
        String order = order(source.orderColumn(), direction);
        String sql = "SELECT * FROM (SELECT *, rank() OVER (ORDER BY " + order + ") AS value_rank,"
                + " count() OVER () AS total_count FROM (" + source.sql() + ")) WHERE subject_id = ?";
        List<Object> params = new ArrayList<>(source.params());
        params.add(subjectId);
        return Sql.query(connections, sql, params, rs -> rankedRow(rs, source)).stream()
                .findFirst();
    }

    /** Rows of the source (ranked or not): the total a page is a part of. */
    long count(Source source) {
        return Sql.query(
                        connections,
                        "SELECT count() AS n FROM (" + source.sql() + ")",
                        source.params(),
                        rs -> rs.getLong("n"))
                .get(0);
    }

    /**
     * Whether any value was ever stored for this subject in the tenant (any indicator, window, version): a prefix
     * of {@value #BY_SUBJECT}'s sorting key, so a granule per part at most.
     */
    boolean anyRow(String tenantId, SubjectType subjectType, String subjectId) {
        return !Sql.query(
                        connections,
                        "SELECT 1 AS found FROM " + BY_SUBJECT + " WHERE tenant_id = ? AND subject_type = ?"
                                + " AND subject_id = ? LIMIT 1",
                        List.of(tenantId, subjectType.name(), subjectId),
                        rs -> rs.getInt("found"))
                .isEmpty();
    }

    /** NULLS LAST in both directions: a value that is not defined is never "best". */
    private static String order(String column, Direction direction) {
        return column + (direction == Direction.LOWER_IS_BETTER ? " ASC NULLS LAST" : " DESC NULLS LAST");
    }

    private static RankedRow rankedRow(ResultSet rs, Source source) throws SQLException {
        IndicatorValue value = source.mapper().map(rs);
        Integer rank = value.value() == null ? null : (int) rs.getLong("value_rank");
        return new RankedRow(rank, value, rs.getLong("total_count"));
    }

    private static AssembledParts parts(ResultSet rs, WindowType rolling) throws SQLException {
        LocalDate asOf = Sql.date(rs, "as_of_day");
        Array path = rs.getArray("newest_path");
        return new AssembledParts(
                rs.getString("indicator_id"),
                rs.getString("subject_id"),
                rolling.instanceFor(asOf),
                Sql.decimal(rs, "numerator_sum"),
                Sql.decimal(rs, "denominator_sum"),
                Sql.decimal(rs, "min_value"),
                Sql.decimal(rs, "max_value"),
                rs.getLong("events"),
                Sql.epochMillis(rs, "newest_event_ms"),
                rs.getLong("newest_catalog"),
                rs.getLong("parts"),
                path == null ? List.of() : List.of((String[]) path.getArray()));
    }

    private static IndicatorValue value(ResultSet rs, WindowType windowType, SubjectType subjectType)
            throws SQLException {
        return new IndicatorValue(
                rs.getString("indicator_id"),
                windowType,
                subjectType,
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
