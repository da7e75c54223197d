package io.kpipulse.read.values;

import io.kpipulse.catalog.SubjectType;
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
import java.util.Optional;
import java.util.Set;

/**
 * The one reader of indicator values. Callers speak of indicators, window types, days and subjects; which
 * stored rows answer them is decided here (today {@link ValueTable}: one row per window instance, rolling
 * windows per as-of day). When the engine stores rolling windows as day slices instead, assembling a
 * rolling instance from them belongs in {@link #stored}, the one place that maps a window instance to
 * stored rows, and no caller changes.
 *
 * <p>Every question is answered with one query, except a ranking page with trends (two: the page, then the
 * previous instance of the subjects on it) and an empty page past the end (a count). Tenant, ids and days
 * are bound parameters; only placeholder counts shape the SQL.
 */
public final class IndicatorValueReader {

    private final ValueTable table;

    public IndicatorValueReader(Connections connections, ValueReadStrategy strategy) {
        this.table = new ValueTable(connections, strategy);
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
        ValueSelection selection = selection(query, query.window());
        List<ValueTable.RankedRow> rows = table.ranked(selection, query.direction(), limit, offset);
        long total = rows.isEmpty()
                ? (offset == 0 ? 0 : table.count(selection))
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
        return table.rankOf(selection(query, query.window()), query.direction(), subjectId)
                .map(row -> {
                    IndicatorValue before = stored(
                                    query.tenantId(),
                                    List.of(query.indicatorId()),
                                    List.of(previous(query.window())),
                                    query.subjectType(),
                                    List.of(subjectId))
                            .stream()
                            .findFirst()
                            .orElse(null);
                    return new RankedStanding(
                            new RankedValue(row.rank(), new InstanceValue(row.value(), before)), row.total());
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

    private static ValueSelection selection(RankingQuery query, WindowBounds instance) {
        return new ValueSelection(
                query.tenantId(),
                List.of(query.indicatorId()),
                instance.type(),
                List.of(instance.start()),
                query.subjectType(),
                query.subjectIds() == null ? List.of() : query.subjectIds());
    }

    /** The stored rows of these window instances: the one place that maps an instance to storage. */
    private List<IndicatorValue> stored(
            String tenantId,
            List<String> indicatorIds,
            List<WindowBounds> instances,
            SubjectType subjectType,
            List<String> subjectIds) {
        List<LocalDate> starts =
                instances.stream().map(WindowBounds::start).distinct().toList();
        return table.read(
                new ValueSelection(tenantId, indicatorIds, instances.get(0).type(), starts, subjectType, subjectIds));
    }
}
