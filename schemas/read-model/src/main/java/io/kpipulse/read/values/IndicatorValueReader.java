package io.kpipulse.read.values;

import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.ValueRule;
import io.kpipulse.catalog.WindowBounds;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.read.sql.Connections;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one reader of indicator values. Callers speak of indicators, window types, days and subjects; which
 * stored rows answer them is decided here, in {@link #source}, the one place that maps window instances to
 * storage ({@link ValueTable}): calendar windows and the rolling windows of holistic kinds (median, p90,
 * distinct count, last) are stored per instance; every other rolling instance is assembled from the
 * subject's DAY rows of its days ({@link RollingAssembly}, {@link io.kpipulse.catalog.ValueRule}), so the
 * engine writes no row per as-of day for them.
 *
 * <p>Every question is answered with one query, except a ranking page with trends (two: the page, then the
 * previous instance of the subjects on it), an empty page past the end (a count), a rolling question mixing
 * assembled and stored indicators (one query each way) and a bulk read of more than {@value #IDS_PER_QUERY}
 * listed ids (one query per that many). Tenant, ids and days are bound parameters; only placeholder counts
 * shape the SQL.
 */
public final class IndicatorValueReader {

    /** Listed subjects per query of a bulk read: the driver sends bound values inside the statement's text. */
    static final int IDS_PER_QUERY = 2_000;

    private final ValueTable table;
    private final Supplier<IndicatorCatalog> catalog;

    /**
     * @param catalog the catalog in force (the one the engine computes with): how a rolling window of each
     *                indicator is assembled and which target it has
     */
    public IndicatorValueReader(
            Connections connections, ValueReadStrategy strategy, Supplier<IndicatorCatalog> catalog) {
        this.table = new ValueTable(connections, strategy);
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public ValueReadStrategy strategy() {
        return table.strategy();
    }

    /**
     * The subject's value of the instance of {@code window} containing {@code day} (rolling windows: the
     * instance ending on it), with the previous instance; empty when nothing was counted in it.
     */
    public Optional<InstanceValue> value(
            String tenantId,
            String indicatorId,
            WindowType window,
            LocalDate day,
            SubjectType subjectType,
            String subjectId) {
        return Optional.ofNullable(values(tenantId, List.of(indicatorId), window, day, subjectType, subjectId)
                .get(indicatorId));
    }

    /**
     * Several indicators of one subject at once (a scorecard), by indicator id, each with its previous
     * instance; an indicator with nothing counted in the instance is absent. One query.
     */
    public Map<String, InstanceValue> values(
            String tenantId,
            List<String> indicatorIds,
            WindowType window,
            LocalDate day,
            SubjectType subjectType,
            String subjectId) {
        WindowBounds current = window.instanceFor(day);
        WindowBounds previous = previous(current);
        Map<String, IndicatorValue> now = new HashMap<>();
        Map<String, IndicatorValue> before = new HashMap<>();
        for (IndicatorValue v :
                stored(tenantId, indicatorIds, List.of(current, previous), subjectType, List.of(subjectId))) {
            (v.windowStart().equals(current.start()) ? now : before).put(v.indicatorId(), v);
        }
        Map<String, InstanceValue> result = new LinkedHashMap<>();
        for (String id : indicatorIds) {
            if (now.containsKey(id)) {
                result.put(id, new InstanceValue(now.get(id), before.get(id)));
            }
        }
        return result;
    }

    /**
     * Many subjects × many indicators of one instance (a department's or a tenant's scorecards, a freeze):
     * for every subject and indicator exactly what {@link #values} answers as its current value, without
     * the previous instance. Rolling windows are assembled from day rows as everywhere else. One query per
     * {@value #IDS_PER_QUERY} listed ids (a subtree or every subject: one), times two when a rolling window
     * mixes assembled and stored indicators.
     */
    public ValueGrid bulkValues(BulkValueQuery query) {
        SubjectSet subjects = query.subjects();
        if (query.indicatorIds().isEmpty()
                || (subjects.kind() == SubjectSet.Kind.IDS && subjects.ids().isEmpty())) {
            return new ValueGrid(Map.of());
        }
        List<WindowBounds> instance = List.of(query.window().instanceFor(query.asOf()));
        List<String> indicators = List.copyOf(new LinkedHashSet<>(query.indicatorIds()));
        List<IndicatorValue> found = new ArrayList<>();
        switch (subjects.kind()) {
            case IDS -> {
                List<String> ids = List.copyOf(new LinkedHashSet<>(subjects.ids()));
                for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
                    List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
                    found.addAll(stored(query.tenantId(), indicators, instance, query.subjectType(), chunk, null));
                }
            }
            case SUBTREE ->
                found.addAll(stored(
                        query.tenantId(),
                        indicators,
                        instance,
                        query.subjectType(),
                        List.of(),
                        subjects.departmentId()));
            case ALL ->
                found.addAll(stored(query.tenantId(), indicators, instance, query.subjectType(), List.of(), null));
        }
        return ValueGrid.of(found);
    }

    /**
     * One page of a ranking, best first, with the total number of subjects ranked and each entry's
     * previous instance. A page past the end is empty and still carries the total.
     */
    public RankingPage ranking(RankingQuery query, int limit, int offset) {
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be positive and offset not negative");
        }
        if (query.subjectIds() != null && query.subjectIds().isEmpty()) {
            return new RankingPage(0, limit, offset, List.of());
        }
        ValueTable.Source ranked = ranked(query);
        List<ValueTable.RankedRow> rows = table.ranked(ranked, query.direction(), limit, offset);
        long total = rows.isEmpty()
                ? (offset == 0 ? 0 : table.count(ranked))
                : rows.get(0).total();
        Map<String, IndicatorValue> previous = previousOf(query, rows);
        List<RankedValue> entries = new ArrayList<>(rows.size());
        for (ValueTable.RankedRow row : rows) {
            entries.add(new RankedValue(
                    row.rank(),
                    new InstanceValue(row.value(), previous.get(row.value().subjectId()))));
        }
        return new RankingPage(total, limit, offset, entries);
    }

    /**
     * Where one subject stands in the ranking, and among how many; empty when nothing was counted for it in
     * the instance (a row whose value is undefined stands unranked).
     */
    public Optional<RankedStanding> rankOf(RankingQuery query, String subjectId) {
        if (query.subjectIds() != null && !query.subjectIds().contains(subjectId)) {
            return Optional.empty();
        }
        return table.rankOf(ranked(query), query.direction(), subjectId).map(row -> {
            IndicatorValue before = stored(
                            query.tenantId(),
                            List.of(query.indicatorId()),
                            List.of(previous(query.window())),
                            query.subjectType(),
                            List.of(subjectId))
                    .stream()
                    .findFirst()
                    .orElse(null);
            return new RankedStanding(new RankedValue(row.rank(), new InstanceValue(row.value(), before)), row.total());
        });
    }

    /** A subject's rank and how many subjects were ranked with it. */
    public record RankedStanding(RankedValue entry, long total) {}

    /** One value per step over the range, oldest first, a point without a value where nothing was counted. */
    public List<HistoryPoint> history(HistoryQuery query) {
        List<LocalDate> days = query.step().points(query.from(), query.to());
        Set<WindowBounds> instances = new LinkedHashSet<>();
        for (LocalDate day : days) {
            instances.add(query.window().instanceFor(day));
        }
        Map<LocalDate, IndicatorValue> byStart = new HashMap<>();
        for (IndicatorValue v : stored(
                query.tenantId(),
                List.of(query.indicatorId()),
                List.copyOf(instances),
                query.subjectType(),
                List.of(query.subjectId()))) {
            byStart.put(v.windowStart(), v);
        }
        List<HistoryPoint> points = new ArrayList<>(days.size());
        for (LocalDate day : days) {
            WindowBounds instance = query.window().instanceFor(day);
            points.add(new HistoryPoint(day, instance, byStart.get(instance.start())));
        }
        return points;
    }

    /**
     * Whether anything was ever counted for this subject in the tenant. Stands in for "the subject exists"
     * until the org directory can say so: a subject without any value is not distinguishable from one that
     * does not exist here.
     */
    public boolean hasValues(String tenantId, SubjectType subjectType, String subjectId) {
        return table.anyRow(tenantId, subjectType, subjectId);
    }

    /**
     * Every subject's value of one instance of a window, for these indicators (period close: a whole
     * tenant's month at once). Rows with nothing counted are absent; no previous instance, no order. One
     * query however many subjects.
     */
    public List<IndicatorValue> instanceValues(
            String tenantId, List<String> indicatorIds, WindowBounds instance, SubjectType subjectType) {
        return stored(tenantId, indicatorIds, List.of(instance), subjectType, List.of());
    }

    /**
     * Every subject's value of one instance of a window for these indicators, each handed to {@code each} as it
     * is read, none kept: the bulk read of a whole tenant (a period freeze reads 100,000 employees × 40
     * indicators at once). The same rows as {@link #instanceValues}, in no particular order, one query (two for
     * a rolling window mixing assembled and stored indicators). {@code each} runs on the calling thread; a caller
     * wanting several streams at once splits the indicators over threads (the table is sorted by indicator, so
     * each query reads only its own indicators' rows).
     */
    public void forEachInstanceValue(
            String tenantId,
            List<String> indicatorIds,
            WindowBounds instance,
            SubjectType subjectType,
            Consumer<IndicatorValue> each) {
        stored(tenantId, indicatorIds, List.of(instance), subjectType, List.of(), null, each);
    }

    /**
     * {@link #forEachInstanceValue}'s rows with only the figures a period close keeps ({@link InstanceFigure}),
     * exact as stored and the newest version as everywhere (the reader's strategy, FINAL or argMax). A calendar
     * window is read as RowBinary, only the eight columns it needs (the freeze's bulk read: decoding every column
     * of 4,000,000 rows through the JDBC result set was two thirds of a freeze); a rolling window takes
     * {@link #forEachInstanceValue}'s way, since some of its rows are assembled from days.
     */
    public void forEachInstanceFigure(
            String tenantId,
            List<String> indicatorIds,
            WindowBounds instance,
            SubjectType subjectType,
            Consumer<InstanceFigure> each) {
        if (instance.type().isRolling()) {
            forEachInstanceValue(tenantId, indicatorIds, instance, subjectType, v -> each.accept(InstanceFigure.of(v)));
            return;
        }
        table.forEachFigure(
                new ValueSelection(
                        tenantId, indicatorIds, instance.type(), List.of(instance.start()), subjectType, List.of()),
                each);
    }

    /**
     * {@link #forEachInstanceFigure}'s figures, but every stored version of each (indicator, subject) with its version,
     * unmerged versions included, in no particular order: for a bulk reader that keeps the highest version of each
     * itself (a period close fills one slot per subject and indicator anyway), which is exactly the figure
     * {@link #forEachInstanceFigure} answers under either strategy. The server then only scans: FINAL's merge of the
     * versions of 4,000,000 rows was most of a freeze's read. A rolling window hands over {@link
     * #forEachInstanceValue}'s newest rows with their versions (some are assembled from days).
     */
    public void forEachInstanceFigureVersion(
            String tenantId,
            List<String> indicatorIds,
            WindowBounds instance,
            SubjectType subjectType,
            FigureVersions each) {
        if (instance.type().isRolling()) {
            forEachInstanceValue(
                    tenantId, indicatorIds, instance, subjectType, v -> each.accept(InstanceFigure.of(v), v.version()));
            return;
        }
        table.forEachFigureVersion(
                new ValueSelection(
                        tenantId, indicatorIds, instance.type(), List.of(instance.start()), subjectType, List.of()),
                each);
    }

    /**
     * {@link #forEachInstanceFigureVersion} for a calendar instance (a month, quarter or year to date: what a period
     * close reads), each version decoded into one {@link FigureRow} reused from row to row, its decimals as unscaled
     * longs: no object per figure for a reader that keeps only the highest version in its own form. Refuses a rolling
     * window (those are assembled from days; read them with {@link #forEachInstanceFigureVersion}).
     */
    public void forEachInstanceFigureRow(
            String tenantId,
            List<String> indicatorIds,
            WindowBounds instance,
            SubjectType subjectType,
            Consumer<FigureRow> each) {
        if (instance.type().isRolling()) {
            throw new IllegalArgumentException(
                    "figure rows are read for calendar instances only, not " + instance.type());
        }
        table.forEachFigureRow(
                new ValueSelection(
                        tenantId, indicatorIds, instance.type(), List.of(instance.start()), subjectType, List.of()),
                each);
    }

    /** The instance just before {@code window}: containing (or for rolling windows ending on) its eve. */
    static WindowBounds previous(WindowBounds window) {
        return window.type().instanceFor(window.start().minusDays(1));
    }

    private Map<String, IndicatorValue> previousOf(RankingQuery query, List<ValueTable.RankedRow> rows) {
        Map<String, IndicatorValue> previous = new HashMap<>();
        if (rows.isEmpty()) {
            return previous;
        }
        List<String> ids = rows.stream().map(r -> r.value().subjectId()).toList();
        for (IndicatorValue v : stored(
                query.tenantId(),
                List.of(query.indicatorId()),
                List.of(previous(query.window())),
                query.subjectType(),
                ids)) {
            previous.put(v.subjectId(), v);
        }
        return previous;
    }

    private ValueTable.Source ranked(RankingQuery query) {
        List<String> subjects = query.subjectIds() == null ? List.of() : query.subjectIds();
        return source(
                query.tenantId(),
                List.of(query.indicatorId()),
                List.of(query.window()),
                query.subjectType(),
                subjects,
                true);
    }

    /** The stored rows of these window instances (of one window type). */
    private List<IndicatorValue> stored(
            String tenantId,
            List<String> indicatorIds,
            List<WindowBounds> instances,
            SubjectType subjectType,
            List<String> subjectIds) {
        return stored(tenantId, indicatorIds, instances, subjectType, subjectIds, null);
    }

    /** As above, only subjects attributed to {@code subtree} when it is not null ({@link SubjectSet}). */
    private List<IndicatorValue> stored(
            String tenantId,
            List<String> indicatorIds,
            List<WindowBounds> instances,
            SubjectType subjectType,
            List<String> subjectIds,
            String subtree) {
        List<IndicatorValue> values = new ArrayList<>();
        stored(tenantId, indicatorIds, instances, subjectType, subjectIds, subtree, values::add);
        return values;
    }

    /** As above, each value handed over as it is read. */
    private void stored(
            String tenantId,
            List<String> indicatorIds,
            List<WindowBounds> instances,
            SubjectType subjectType,
            List<String> subjectIds,
            String subtree,
            Consumer<IndicatorValue> each) {
        WindowType type = instances.get(0).type();
        if (!type.isRolling()) {
            table.forEach(
                    within(source(tenantId, indicatorIds, instances, subjectType, subjectIds, false), subtree), each);
            return;
        }
        // Indicators of one question may be assembled or stored: one query each way at most.
        Map<Boolean, List<String>> byWay = new HashMap<>();
        for (String id : indicatorIds) {
            byWay.computeIfAbsent(assembled(id) != null, k -> new ArrayList<>()).add(id);
        }
        for (List<String> ids : byWay.values()) {
            table.forEach(within(source(tenantId, ids, instances, subjectType, subjectIds, false), subtree), each);
        }
    }

    private static ValueTable.Source within(ValueTable.Source source, String subtree) {
        return subtree == null ? source : source.within(subtree);
    }

    /**
     * The one place that maps window instances to storage: stored rows, or (rolling windows of
     * decomposable kinds) the DAY rows of the instances' days assembled. A ranking needs one indicator.
     */
    private ValueTable.Source source(
            String tenantId,
            List<String> indicatorIds,
            List<WindowBounds> instances,
            SubjectType subjectType,
            List<String> subjectIds,
            boolean ranked) {
        WindowType type = instances.get(0).type();
        IndicatorDefinition definition = type.isRolling() ? assembled(indicatorIds.get(0)) : null;
        if (definition == null) {
            List<LocalDate> starts =
                    instances.stream().map(WindowBounds::start).distinct().toList();
            return table.stored(new ValueSelection(tenantId, indicatorIds, type, starts, subjectType, subjectIds));
        }
        Map<String, IndicatorDefinition> definitions = new HashMap<>();
        for (String id : indicatorIds) {
            definitions.put(id, assembled(id));
        }
        Set<LocalDate> days = new java.util.TreeSet<>();
        List<LocalDate> asOfDays = new ArrayList<>();
        for (WindowBounds instance : instances) {
            asOfDays.add(instance.end());
            for (LocalDate d = instance.start(); !d.isAfter(instance.end()); d = d.plusDays(1)) {
                days.add(d);
            }
        }
        ValueSelection dayRows =
                new ValueSelection(tenantId, indicatorIds, WindowType.DAY, List.copyOf(days), subjectType, subjectIds);
        return table.assembled(
                dayRows,
                type,
                asOfDays.stream().distinct().toList(),
                parts -> RollingAssembly.value(definitions.get(parts.indicatorId()), subjectType, parts),
                ranked ? AssembledOrder.of(definition) : null);
    }

    /** The indicator's definition when its rolling windows are assembled from day rows, else null. */
    private IndicatorDefinition assembled(String indicatorId) {
        return catalog.get()
                .find(indicatorId)
                .filter(d -> ValueRule.assemblesFromDays(d.aggregation()))
                .orElse(null);
    }
}
