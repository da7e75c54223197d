package io.kpipulse.api.indicators;

import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.http.Decimals;
import io.kpipulse.api.http.NotFoundException;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowBounds;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.read.values.CurrentValueReader;
import io.kpipulse.read.values.HistoryPoint;
import io.kpipulse.read.values.HistoryQuery;
import io.kpipulse.read.values.HistoryStep;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.read.values.InstanceValue;
import io.kpipulse.read.values.RankingPage;
import io.kpipulse.read.values.RankingQuery;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Indicator values for dashboards: rankings (top-N, paged), one subject's value and rank, a subject's
 * scorecard and history. Reads only through the shared reader ({@link CurrentValueReader}: from memory what it
 * holds, else {@link IndicatorValueReader}); answers read from ClickHouse go through the answer cache, answers
 * from memory need none (they are computed in microseconds and are current to the last poll of the feed).
 */
public final class ValuesService {

    private final CatalogService catalog;
    private final CurrentValueReader reader;
    private final SubjectNames names;
    private final ValueCache cache;

    public ValuesService(CatalogService catalog, CurrentValueReader reader, SubjectNames names, ValueCache cache) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.names = Objects.requireNonNull(names, "names");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /*
     * Cache keys: every input of an answer, the catalog version in force among them (targets and which
     * indicators a scorecard lists come from it). Names and scopes are org data: see ValueCache's max age.
     */
    private record ValuesKey(
            long catalogVersion,
            String indicatorId,
            WindowType window,
            LocalDate date,
            SubjectType subjectType,
            Page page,
            Optional<Set<String>> visible) {}

    private record ScorecardKey(long catalogVersion, SubjectType subjectType, String subjectId, LocalDate date) {}

    private record HistoryKey(long catalogVersion, HistoryQuery query) {}

    /** Which subjects and which page: every subject of the type, or one subject with its rank among them. */
    public record Page(String subjectId, int limit, int offset) {}

    public record ValuesResponse(
            String tenant,
            String indicator,
            String unit,
            String direction,
            WindowView window,
            String subjectType,
            long total,
            int limit,
            int offset,
            boolean hasMore,
            List<ValueView> values) {}

    public record ScorecardEntry(
            String indicator,
            Map<String, String> names,
            String unit,
            String direction,
            String perspective,
            ValueView value) {}

    public record ScorecardResponse(
            String tenant,
            String subjectType,
            String subjectId,
            String name,
            WindowView window,
            List<ScorecardEntry> indicators) {}

    public record HistoryResponse(
            String tenant,
            String indicator,
            String unit,
            String direction,
            String subjectType,
            String subjectId,
            String window,
            String step,
            LocalDate from,
            LocalDate to,
            String zone,
            List<PointView> points) {}

    /** The window as of {@code date}; {@code value} and the rest are null when nothing was counted in it. */
    public record PointView(
            LocalDate date,
            LocalDate windowStart,
            LocalDate windowEnd,
            String value,
            String target,
            String attainment,
            String status,
            Long eventCount) {}

    /**
     * The window instance containing {@code date} (for rolling windows: the instance ending on it), ranked
     * best first by the indicator's direction among the subjects the caller may see ({@code visible}: empty
     * for the whole tenant, else the caller's scope), so a rank never reveals how many hidden subjects did
     * better. With a subject id, that subject alone with its rank among them ({@code total} is how many were
     * ranked).
     */
    public ValuesResponse values(
            Tenant tenant,
            String indicatorId,
            WindowType window,
            LocalDate date,
            SubjectType subjectType,
            Page page,
            Optional<Set<String>> visible) {
        if (reader.memory().coversInstance(tenant.id(), window, subjectType, date)) {
            return readValues(tenant, indicatorId, window, date, subjectType, page, visible);
        }
        ValuesKey key =
                new ValuesKey(catalog.current().version(), indicatorId, window, date, subjectType, page, visible);
        // A ranking depends on every subject's value; one subject's standing too (others move it).
        return cache.get(
                tenant.id(),
                key,
                Set.of(new ValueCache.Dependency(indicatorId, null)),
                () -> readValues(tenant, indicatorId, window, date, subjectType, page, visible));
    }

    private ValuesResponse readValues(
            Tenant tenant,
            String indicatorId,
            WindowType window,
            LocalDate date,
            SubjectType subjectType,
            Page page,
            Optional<Set<String>> visible) {
        IndicatorDefinition indicator = catalog.require(indicatorId);
        CatalogService.requireKept(indicator, window, subjectType);
        WindowBounds bounds = window.instanceFor(date);
        RankingQuery every = RankingQuery.all(tenant.id(), indicator.id(), indicator.direction(), bounds, subjectType);
        RankingQuery query =
                visible.map(ids -> every.among(ids.stream().sorted().toList())).orElse(every);
        long total;
        List<ValueView> views;
        if (page.subjectId() != null) {
            var standing = reader.rankOf(query, page.subjectId());
            total = standing.map(IndicatorValueReader.RankedStanding::total).orElse(0L);
            views = standing.stream()
                    .map(s -> ValueView.of(s.entry().rank(), s.entry().value(), indicator))
                    .toList();
            return response(tenant, indicator, bounds, subjectType, total, page, named(tenant, date, views), false);
        }
        RankingPage ranking = reader.ranking(query, page.limit(), page.offset());
        views = ranking.entries().stream()
                .map(e -> ValueView.of(e.rank(), e.value(), indicator))
                .toList();
        return response(
                tenant,
                indicator,
                bounds,
                subjectType,
                ranking.total(),
                page,
                named(tenant, date, views),
                ranking.hasMore());
    }

    /** The page's subjects with their names as of {@code day}, in one lookup for the whole page. */
    private List<ValueView> named(Tenant tenant, LocalDate day, List<ValueView> views) {
        if (views.isEmpty()) {
            return views;
        }
        SubjectType type = SubjectType.valueOf(views.get(0).subjectType());
        Map<String, String> byId = names.of(
                tenant, day, type, views.stream().map(ValueView::subjectId).toList());
        return views.stream().map(v -> v.named(byId.get(v.subjectId()))).toList();
    }

    private static ValuesResponse response(
            Tenant tenant,
            IndicatorDefinition indicator,
            WindowBounds bounds,
            SubjectType subjectType,
            long total,
            Page page,
            List<ValueView> views,
            boolean hasMore) {
        return new ValuesResponse(
                tenant.id(),
                indicator.id(),
                indicator.unit(),
                indicator.direction().name(),
                WindowView.of(bounds, tenant.calendar().zone()),
                subjectType.name(),
                total,
                page.limit(),
                page.offset(),
                hasMore,
                views);
    }

    /**
     * Every indicator kept per month for this subject type, with the subject's month-to-date value (and the
     * previous month as its trend), or a null value when nothing has been counted for it yet this month. A
     * subject for which nothing was ever counted in the tenant is unknown: 404.
     */
    public ScorecardResponse scorecard(Tenant tenant, SubjectType subjectType, String subjectId, LocalDate date) {
        if (reader.memory().coversInstance(tenant.id(), WindowType.MONTH_TO_DATE, subjectType, date)) {
            return readScorecard(tenant, subjectType, subjectId, date);
        }
        return cache.get(
                tenant.id(),
                new ScorecardKey(catalog.current().version(), subjectType, subjectId, date),
                Set.of(new ValueCache.Dependency(null, subjectId)),
                () -> readScorecard(tenant, subjectType, subjectId, date));
    }

    private ScorecardResponse readScorecard(Tenant tenant, SubjectType subjectType, String subjectId, LocalDate date) {
        WindowBounds month = WindowType.MONTH_TO_DATE.instanceFor(date);
        List<IndicatorDefinition> indicators = catalog.indicators().stream()
                .filter(d -> d.windows().contains(WindowType.MONTH_TO_DATE)
                        && d.subjects().contains(subjectType))
                .toList();
        Map<String, InstanceValue> byIndicator = indicators.isEmpty()
                ? Map.of()
                : reader.values(
                        tenant.id(),
                        indicators.stream().map(IndicatorDefinition::id).toList(),
                        WindowType.MONTH_TO_DATE,
                        date,
                        subjectType,
                        subjectId);
        // Existence from the values until the org directory can answer it; asked only when the month is empty.
        if (byIndicator.isEmpty() && !reader.hasValues(tenant.id(), subjectType, subjectId)) {
            throw new NotFoundException("no " + subjectType + " '" + subjectId + "' in tenant " + tenant.id());
        }
        List<ScorecardEntry> entries = indicators.stream()
                .map(d -> new ScorecardEntry(
                        d.id(),
                        new TreeMap<>(d.names()),
                        d.unit(),
                        d.direction().name(),
                        d.perspective().name(),
                        byIndicator.containsKey(d.id()) ? ValueView.of(null, byIndicator.get(d.id()), d) : null))
                .toList();
        return new ScorecardResponse(
                tenant.id(),
                subjectType.name(),
                subjectId,
                names.of(tenant, date, subjectType, List.of(subjectId)).get(subjectId),
                WindowView.of(month, tenant.calendar().zone()),
                entries);
    }

    /** One value per step from {@code from} to {@code to}: growth curves and sparklines. */
    public HistoryResponse history(
            Tenant tenant,
            SubjectType subjectType,
            String subjectId,
            String indicatorId,
            WindowType window,
            LocalDate from,
            LocalDate to,
            HistoryStep step) {
        IndicatorDefinition indicator = catalog.require(indicatorId);
        CatalogService.requireKept(indicator, window, subjectType);
        if (to.isBefore(from)) {
            throw new BadRequestException("from", "must not be after to (" + from + " > " + to + ")");
        }
        step.problemWith(window).ifPresent(problem -> {
            throw new BadRequestException("step", problem);
        });
        if (step.pointCount(from, to) > HistoryStep.MAX_POINTS) {
            throw new BadRequestException(
                    "to",
                    "a history has at most " + HistoryStep.MAX_POINTS + " points; shorten the range or widen the step");
        }
        HistoryQuery query =
                new HistoryQuery(tenant.id(), indicator.id(), window, subjectType, subjectId, from, to, step);
        List<PointView> points = reader.memory().covers(query)
                ? points(query, indicator)
                : cache.get(
                        tenant.id(),
                        new HistoryKey(catalog.current().version(), query),
                        Set.of(new ValueCache.Dependency(indicator.id(), subjectId)),
                        () -> points(query, indicator));
        return new HistoryResponse(
                tenant.id(),
                indicator.id(),
                indicator.unit(),
                indicator.direction().name(),
                subjectType.name(),
                subjectId,
                window.name(),
                step.name(),
                from,
                to,
                tenant.calendar().zone().getId(),
                points);
    }

    private List<PointView> points(HistoryQuery query, IndicatorDefinition indicator) {
        return reader.history(query).stream().map(p -> point(p, indicator)).toList();
    }

    private static PointView point(HistoryPoint p, IndicatorDefinition indicator) {
        if (p.value() == null) {
            return new PointView(p.day(), p.window().start(), p.window().end(), null, null, null, null, null);
        }
        return new PointView(
                p.day(),
                p.window().start(),
                p.window().end(),
                Decimals.atScale(p.value().value(), indicator.scale()),
                Decimals.plain(p.value().target()),
                Decimals.plain(p.value().attainment()),
                ValueView.status(indicator, p.value()),
                p.value().eventCount());
    }
}
